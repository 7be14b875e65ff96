// The bank authors' grading command.
//   npm run grade -- ID          reads one answer on stdin, prints the grade
//   npm run grade -- --jsonl     reads lines {"id": …, "answer": …}, writes one JSON line each
// Graded by the configured grader (GRADER, AI_* as for the bot), so one input can be graded both ways.
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { loadBank } from '../src/bank-loader.js';
import { gradeLine, gradeText } from './bank/grade-lines.js';
import { ConfigError, loadConfig } from '../src/config.js';
import { systemClock } from '../src/core/ports.js';
import { createGrader } from '../src/grading-ai/index.js';
import { createLogger } from '../src/logger.js';
import { projectRoot } from '../src/paths.js';

let config;
try {
  config = loadConfig(process.env);
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  console.error(err.message);
  process.exit(2);
}
const bank = loadBank(process.env.BANK_DIR ?? join(projectRoot, 'data'));
// Warnings (an unusable endpoint, a fallback) go to stderr; no caps or cache for the authors' tool.
const grader = await createGrader(config.grader, { questions: bank.questions, clock: systemClock, logger: createLogger({ level: 'warn' }) });
const args = process.argv.slice(2);

async function readAll(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) text += String(chunk);
  return text;
}

if (args[0] === '--jsonl') {
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    if (line.trim() === '') continue;
    process.stdout.write(`${JSON.stringify(await gradeLine(bank, grader, line))}\n`);
  }
} else if (args.length === 1 && !args[0]!.startsWith('-')) {
  const out = await gradeText(bank, grader, args[0]!, await readAll());
  console.log(out.text);
  process.exitCode = out.ok ? 0 : 2;
} else {
  console.error('usage: npm run grade -- ID   (answer on stdin)\n       npm run grade -- --jsonl   (lines {"id": …, "answer": …} on stdin)');
  process.exitCode = 2;
}

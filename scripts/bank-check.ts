// Validates the question bank and runs the editorial checks; `npm run bank:check [topic ...]`.
import { join } from 'node:path';
import { loadSeedIds, parseTopicFile, crossCheck } from '../src/bank/load-bank.js';
import { bankProblems, copiedProse, entryProblems, seedProseRuns } from '../src/bank/quality.js';
import { readdirSync, readFileSync } from 'node:fs';
import { projectRoot } from '../src/paths.js';

const dataDir = join(projectRoot, 'data');
const only = process.argv.slice(2);
const files = readdirSync(join(dataDir, 'questions')).filter((f) => f.endsWith('.yaml') && (only.length === 0 || only.includes(f.replace('.yaml', ''))));
const problems: string[] = [];
const questions = files.flatMap((f) => {
  const r = parseTopicFile(`data/questions/${f}`, readFileSync(join(dataDir, 'questions', f), 'utf8'));
  problems.push(...r.problems);
  return r.questions;
});
problems.push(...crossCheck(questions, loadSeedIds(dataDir)));
for (const q of questions) problems.push(...entryProblems(q));
problems.push(...bankProblems(questions, only.length === 0 ? loadSeedIds(dataDir) : undefined));
const runs = seedProseRuns(join(projectRoot, '..', 'shared', 'seeds'));
if (runs) problems.push(...copiedProse(questions, runs));
else console.log('note: ../shared/seeds not found; the copied-prose check was skipped');
for (const p of problems) console.log(`- ${p}`);
console.log(`${questions.length} question(s) in ${files.length} file(s): ${problems.length} problem(s)`);
process.exitCode = problems.length === 0 ? 0 : 1;

// Measures the grader on the expert-scored evaluation set: `npm run grader:eval [-- --verbose]`.
// Figures for the tuning entries, the held-out entries (never tuned on) and all of them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadBank } from '../src/bank-loader.js';
import { figures, isHeldOut, parseEvalSet, scoreEvalSet, type EvalFigures } from './bank/grader-eval.js';
import { RubricGrader } from '../src/core/grading/rubric.js';
import { projectRoot } from '../src/paths.js';

const bank = loadBank(join(projectRoot, 'data'));
const file = process.env.EVAL_SET ?? join(projectRoot, 'test', 'grading', 'eval-set.jsonl');
const scored = await scoreEvalSet(bank, new RubricGrader(bank.questions), parseEvalSet(readFileSync(file, 'utf8')));
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function print(name: string, f: EvalFigures): void {
  console.log(`\n${name}: ${f.cases} answers`);
  console.log(`  Spearman ${f.spearman.toFixed(3)} · false credit ${pct(f.falseCredit)} (wrong/buzzword/off-topic ≥ 50) · false blame ${pct(f.falseBlame)} (excellent < pass line)`);
  for (const [label, l] of Object.entries(f.perLabel)) {
    console.log(`  ${label.padEnd(10)} n=${String(l.cases).padStart(3)}  mean score ${l.meanScore.toFixed(1).padStart(5)}  expert ${l.meanExpert.toFixed(1).padStart(5)}  scored ≥ 50: ${pct(l.credited)}`);
  }
}

print('tuning entries', figures(scored.filter((c) => !isHeldOut(c.id))));
print('held-out entries (never tuned on)', figures(scored.filter((c) => isHeldOut(c.id))));
print('all', figures(scored));
if (process.argv.includes('--verbose')) {
  for (const c of scored) console.log(`${isHeldOut(c.id) ? 'H' : 'T'} ${c.label.padEnd(9)} expert ${String(c.expert).padStart(3)} score ${String(c.score).padStart(3)}  ${c.id}`);
}

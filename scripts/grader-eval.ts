// Measures the grader on the expert-scored evaluation sets: `npm run grader:eval [-- --verbose]`.
// The first set (eval-set.jsonl): figures for its tuning entries, its held-out entries (never tuned
// in rules and rubrics) and all. The second (eval-set-2.jsonl, 44 other entries, written later from
// the prompts alone), the third (eval-set-3.jsonl, 48 more) and the fourth (eval-set-4.jsonl, 48
// more), each written before the change it first measured. The fifth (eval-set-5.jsonl, the last 36
// entries) adds a brief right answer per entry; a third of its entries is held out, as in the first.
// The blend (SCORING) is tuned on the first four and the fifth's other entries (npm run grader:tune).
// The sixth (eval-set-6.jsonl) is a second round of answers to 48 entries, four a topic, written
// after every change it measures and tuned on by nothing.
// EVAL_SET=file measures one file the first way.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadBank } from '../src/bank-loader.js';
import { figures, isHeldOut, parseEvalSet, readEvalSet, scoreEvalSet, type EvalCase, type EvalFigures, type ScoredCase } from './bank/grader-eval.js';
import { RubricGrader } from '../src/core/grading/rubric.js';
import { projectRoot } from '../src/paths.js';

const bank = loadBank(join(projectRoot, 'data'));
const grader = new RubricGrader(bank.questions);
const score = async (cases: EvalCase[]) => scoreEvalSet(bank, grader, cases);
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const verbose = process.argv.includes('--verbose');

function print(name: string, f: EvalFigures): void {
  console.log(`\n${name}: ${f.cases} answers`);
  console.log(`  Spearman ${f.spearman.toFixed(3)} · false credit ${pct(f.falseCredit)} (wrong/buzzword/off-topic ≥ 50) · false blame ${pct(f.falseBlame)} (excellent < pass line)`);
  if (f.perLabel['brief']) console.log(`  brief answers the expert passed, scored under the pass line: ${pct(f.briefBlame)}`);
  for (const [label, l] of Object.entries(f.perLabel)) {
    console.log(`  ${label.padEnd(10)} n=${String(l.cases).padStart(3)}  mean score ${l.meanScore.toFixed(1).padStart(5)}  expert ${l.meanExpert.toFixed(1).padStart(5)}  scored ≥ 50: ${pct(l.credited)}`);
  }
}

function list(scored: ScoredCase[], mark: (id: string) => string): void {
  for (const c of scored) console.log(`${mark(c.id)} ${c.label.padEnd(9)} expert ${String(c.expert).padStart(3)} score ${String(c.score).padStart(3)}  ${c.id}`);
}

const first = await score(process.env.EVAL_SET ? parseEvalSet(readFileSync(process.env.EVAL_SET, 'utf8')) : readEvalSet('eval-set.jsonl'));
print('tuning entries', figures(first.filter((c) => !isHeldOut(c.id))));
print('held-out entries (no rule or rubric tuned on them; the blend was)', figures(first.filter((c) => isHeldOut(c.id))));
print('all', figures(first));
if (verbose) list(first, (id) => (isHeldOut(id) ? 'H' : 'T'));
if (!process.env.EVAL_SET) {
  const second = await score(readEvalSet('eval-set-2.jsonl'));
  print('second set (eval-set-2.jsonl: 44 other entries; the comparison sides were tuned on it)', figures(second));
  if (verbose) list(second, () => '2');
  const third = await score(readEvalSet('eval-set-3.jsonl'));
  print('third set (eval-set-3.jsonl: 48 other entries; the blend is tuned on it)', figures(third));
  if (verbose) list(third, () => '3');
  const fourth = await score(readEvalSet('eval-set-4.jsonl'));
  print('fourth set (eval-set-4.jsonl: 48 other entries; unseen until the fifth came, then tuned on)', figures(fourth));
  if (verbose) list(fourth, () => '4');
  const fifth = await score(readEvalSet('eval-set-5.jsonl'));
  print('fifth set (eval-set-5.jsonl: the 36 remaining entries, six answers each with a brief right one)', figures(fifth));
  print('fifth set, held-out entries (no rule, rubric or blend tuned on them)', figures(fifth.filter((c) => isHeldOut(c.id))));
  if (verbose) list(fifth, (id) => (isHeldOut(id) ? 'H' : '5'));
  const sixth = await score(readEvalSet('eval-set-6.jsonl'));
  print('sixth set (eval-set-6.jsonl: new answers to 48 entries, four a topic; nothing tuned on it)', figures(sixth));
  if (verbose) list(sixth, () => '6');
}

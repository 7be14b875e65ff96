// Chooses the grader's blend (SCORING) on the expert-scored sets, then reports the entries held out
// of the fifth set under the chosen blend: `npm run grader:tune`. Copy the winner into SCORING
// (src/core/grading/rubric.ts) only if the held-out figures hold up.
//
// Tuned on: sets 1-4, the fifth set's entries that are not held out, and short wrong answers (the
// first two sentences of every wrong and buzzword answer tuned on), so that easing the rule for a
// short answer cannot buy credit for a short wrong one. No set has short wrong answers of its own.
import { join } from 'node:path';
import { loadBank } from '../src/bank-loader.js';
import { figures, isHeldOut, readEvalSet, scoreEvalSet, type EvalCase, type EvalFigures } from './bank/grader-eval.js';
import { RubricGrader, SCORING, type Scoring } from '../src/core/grading/rubric.js';
import { projectRoot } from '../src/paths.js';

const bank = loadBank(join(projectRoot, 'data'));
const fifth = readEvalSet('eval-set-5.jsonl');
const tuning: EvalCase[][] = [...['eval-set.jsonl', 'eval-set-2.jsonl', 'eval-set-3.jsonl', 'eval-set-4.jsonl'].map(readEvalSet), fifth.filter((c) => !isHeldOut(c.id))];
const heldOut = fifth.filter((c) => isHeldOut(c.id));
const shortWrong = tuning
  .flat()
  .filter((c) => c.label === 'wrong' || c.label === 'buzzword')
  .map((c) => ({ ...c, answer: c.answer.split(/(?<=[.!?])\s+/).slice(0, 2).join(' ') }));

/**
 * One number to maximise, summed over the sets: agreement with the expert, minus the unfairnesses:
 * credit for the right words stating wrong facts weighs as much as failing an excellent answer;
 * failing a brief right answer the expert passed, half as much (it names the points, it does not
 * explain them); short wrong answers reaching 50 count as false credit.
 */
const objective = (f: EvalFigures) => f.spearman - 2 * f.falseCredit - 2 * f.falseBlame - f.briefBlame;
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const show = (f: EvalFigures) => `Spearman ${f.spearman.toFixed(3)}, false credit ${pct(f.falseCredit)}, false blame ${pct(f.falseBlame)}, brief blame ${pct(f.briefBlame)}`;

/** A blend's objective, its figures per tuning set, and the share of short wrong answers reaching 50. */
interface Measured {
  value: number;
  sets: EvalFigures[];
  shortCredit: number;
}

async function measure(scoring: Scoring): Promise<Measured> {
  const grader = new RubricGrader(bank.questions, scoring);
  const sets = await Promise.all(tuning.map(async (cases) => figures(await scoreEvalSet(bank, grader, cases))));
  const short = await scoreEvalSet(bank, grader, shortWrong);
  const shortCredit = short.filter((c) => c.score >= 50).length / short.length;
  return { value: sets.reduce((s, f) => s + objective(f), 0) - 2 * shortCredit, sets, shortCredit };
}

function report(name: string, m: Measured): void {
  console.log(`${name}: objective ${m.value.toFixed(3)}, short wrong answers ≥ 50: ${pct(m.shortCredit)}`);
  m.sets.forEach((f, i) => console.log(`  tuning set ${i + 1}: ${show(f)}`));
}

/** Every combination of the values given for each field. */
const grid = (axes: { [K in keyof Scoring]?: number[] }): Partial<Scoring>[] =>
  Object.entries(axes).reduce<Partial<Scoring>[]>((combos, [field, values]) => combos.flatMap((c) => values.map((v) => ({ ...c, [field]: v }))), [{}]);

let best: { scoring: Scoring; m: Measured } | undefined;
// Key points (meaning) must carry most of the score, whatever the tuning sets prefer.
for (const point of grid({ keyPointWeight: [0.6, 0.7], similarityFull: [0.4, 0.45, 0.5], singleMentionCredit: [0.5, 0.6, 0.7], conciseWords: [0, 20, 30, 40, 50], corePoints: [0, 3, 4, 5] })) {
  const scoring = { ...SCORING, ...point };
  const m = await measure(scoring);
  if (!best || m.value > best.m.value) best = { scoring, m };
}
console.log(`current SCORING ${JSON.stringify(SCORING)}`);
report('  on the tuning sets', await measure(SCORING));
console.log(`  held out (fifth set, ${heldOut.length} answers): ${show(figures(await scoreEvalSet(bank, new RubricGrader(bank.questions), heldOut)))}`);
console.log(`best on tuning ${JSON.stringify(best!.scoring)}`);
report('  on the tuning sets', best!.m);
console.log(`  held out (fifth set): ${show(figures(await scoreEvalSet(bank, new RubricGrader(bank.questions, best!.scoring), heldOut)))}`);

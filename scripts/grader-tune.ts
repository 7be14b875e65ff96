// Chooses the grader's blend on the tuning entries of the evaluation set only, then reports the
// held-out entries under the chosen blend: `npm run grader:tune`. Copy the winner into SCORING
// (src/core/grading/rubric.ts) only if the held-out figures hold up.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadBank } from '../src/bank-loader.js';
import { figures, isHeldOut, parseEvalSet, scoreEvalSet, type EvalFigures } from './bank/grader-eval.js';
import { RubricGrader, SCORING, type Scoring } from '../src/core/grading/rubric.js';
import { projectRoot } from '../src/paths.js';

const bank = loadBank(join(projectRoot, 'data'));
const cases = parseEvalSet(readFileSync(join(projectRoot, 'test', 'grading', 'eval-set.jsonl'), 'utf8'));
const tuning = cases.filter((c) => !isHeldOut(c.id));
const heldOut = cases.filter((c) => isHeldOut(c.id));

/** One number to maximise: agreement with the expert, minus the two kinds of unfairness. */
const objective = (f: EvalFigures) => f.spearman - f.falseCredit - 2 * f.falseBlame;
const show = (f: EvalFigures) => `Spearman ${f.spearman.toFixed(3)}, false credit ${(f.falseCredit * 100).toFixed(1)}%, false blame ${(f.falseBlame * 100).toFixed(1)}%`;

let best: { scoring: Scoring; f: EvalFigures } | undefined;
// Key points (meaning) must carry most of the score, whatever the tuning set prefers.
for (const keyPointWeight of [0.6, 0.65, 0.7, 0.8]) {
  for (const similarityFloor of [0.1, 0.15, 0.2]) {
    for (const similarityFull of [0.4, 0.45, 0.5, 0.55]) {
      for (const misconceptionPenalty of [10, 15, 25]) {
        const scoring = { keyPointWeight, similarityFloor, similarityFull, misconceptionPenalty };
        const f = figures(await scoreEvalSet(bank, new RubricGrader(bank.questions, scoring), tuning));
        if (!best || objective(f) > objective(best.f)) best = { scoring, f };
      }
    }
  }
}
const current = figures(await scoreEvalSet(bank, new RubricGrader(bank.questions), tuning));
console.log(`current SCORING ${JSON.stringify(SCORING)}\n  tuning:   ${show(current)}`);
console.log(`  held-out: ${show(figures(await scoreEvalSet(bank, new RubricGrader(bank.questions), heldOut)))}`);
console.log(`best on tuning ${JSON.stringify(best!.scoring)}\n  tuning:   ${show(best!.f)}`);
console.log(`  held-out: ${show(figures(await scoreEvalSet(bank, new RubricGrader(bank.questions, best!.scoring), heldOut)))}`);

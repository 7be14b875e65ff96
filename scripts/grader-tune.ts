// Chooses the grader's blend on the first three expert-scored sets, then reports the fourth (written
// before the choice, never tuned on) under the chosen blend: `npm run grader:tune`. Copy the winner
// into SCORING (src/core/grading/rubric.ts) only if the fourth set's figures hold up.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadBank } from '../src/bank-loader.js';
import { figures, parseEvalSet, scoreEvalSet, type EvalFigures } from './bank/grader-eval.js';
import { RubricGrader, SCORING, type Scoring } from '../src/core/grading/rubric.js';
import { projectRoot } from '../src/paths.js';

const bank = loadBank(join(projectRoot, 'data'));
const set = (file: string) => parseEvalSet(readFileSync(join(projectRoot, 'test', 'grading', file), 'utf8'));
const tuning = ['eval-set.jsonl', 'eval-set-2.jsonl', 'eval-set-3.jsonl'].flatMap(set);
const heldOut = set('eval-set-4.jsonl');

/**
 * One number to maximise: agreement with the expert, minus the two kinds of unfairness, weighed
 * alike: credit for the right words stating wrong facts is as bad as failing an excellent answer.
 */
const objective = (f: EvalFigures) => f.spearman - 2 * f.falseCredit - 2 * f.falseBlame;
const show = (f: EvalFigures) => `Spearman ${f.spearman.toFixed(3)}, false credit ${(f.falseCredit * 100).toFixed(1)}%, false blame ${(f.falseBlame * 100).toFixed(1)}%`;

let best: { scoring: Scoring; f: EvalFigures } | undefined;
// Key points (meaning) must carry most of the score, whatever the tuning sets prefer.
for (const keyPointWeight of [0.6, 0.7]) {
  for (const similarityFloor of [0.1, 0.15]) {
    for (const similarityFull of [0.4, 0.45, 0.5]) {
      for (const misconceptionPenalty of [10, 15]) {
        for (const singleMentionCredit of [0.5, 0.6, 0.7, 1]) {
          const scoring = { keyPointWeight, similarityFloor, similarityFull, misconceptionPenalty, singleMentionCredit };
          const f = figures(await scoreEvalSet(bank, new RubricGrader(bank.questions, scoring), tuning));
          if (!best || objective(f) > objective(best.f)) best = { scoring, f };
        }
      }
    }
  }
}
const current = figures(await scoreEvalSet(bank, new RubricGrader(bank.questions), tuning));
console.log(`current SCORING ${JSON.stringify(SCORING)}\n  tuning (sets 1-3): ${show(current)}`);
console.log(`  held out (set 4):  ${show(figures(await scoreEvalSet(bank, new RubricGrader(bank.questions), heldOut)))}`);
console.log(`best on tuning ${JSON.stringify(best!.scoring)}\n  tuning (sets 1-3): ${show(best!.f)}`);
console.log(`  held out (set 4):  ${show(figures(await scoreEvalSet(bank, new RubricGrader(bank.questions, best!.scoring), heldOut)))}`);

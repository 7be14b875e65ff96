// For comparison entries (`sides`): each key point's side, and what the model answer still earns
// with its sides' names swapped, the wrong answer in the right words. `npm run bank:sides [topic|id ...]`.
import { join } from 'node:path';
import { loadBank } from '../src/bank-loader.js';
import { earns } from '../src/core/grading/grader.js';
import { RubricGrader } from '../src/core/grading/rubric.js';
import { keyPointSides, swapSides } from '../src/core/grading/sides.js';
import { projectRoot } from '../src/paths.js';

const bank = loadBank(join(projectRoot, 'data'));
const grader = new RubricGrader(bank.questions);
const only = process.argv.slice(2);
const entries = bank.questions.filter((q) => q.sides && (only.length === 0 || only.includes(q.id) || only.includes(q.topic)));
let oneSided = 0;
let kept = 0;
for (const q of entries) {
  const sides = q.sides!;
  const kpSides = keyPointSides(q.keyPoints, sides);
  const swapped = grader.gradeNow(q, swapSides(q.answer, sides));
  console.log(`\n${q.id}: sides ${sides.map((s) => s[0]).join(' / ')}; model answer ${grader.gradeNow(q, q.answer).score}, swapped ${swapped.score}`);
  q.keyPoints.forEach((kp, i) => {
    const side = kpSides[i];
    const still = earns(swapped, kp);
    if (side !== undefined) {
      oneSided++;
      if (still) kept++;
    }
    console.log(`  ${side === undefined ? '  -  ' : still ? 'KEPT ' : 'lost '} [${side === undefined ? 'both/none' : sides[side]![0]}] ${kp.point}`);
  });
}
console.log(`\n${entries.length} entries with sides; ${oneSided} one-sided key points, ${kept} still earned by the swapped model answer`);

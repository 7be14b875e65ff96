import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBank } from '../../src/bank-loader.js';
import { figures, isHeldOut, parseEvalSet, scoreEvalSet, spearman } from '../../scripts/bank/grader-eval.js';
import { RubricGrader } from '../../src/core/grading/rubric.js';
import { projectRoot } from '../../src/paths.js';

const bank = loadBank(join(projectRoot, 'data'));
const cases = parseEvalSet(readFileSync(join(projectRoot, 'test', 'grading', 'eval-set.jsonl'), 'utf8'));
/** Written later, on 44 other entries, before the rubric hardening it measured; the comparison sides were tuned on it. */
const second = parseEvalSet(readFileSync(join(projectRoot, 'test', 'grading', 'eval-set-2.jsonl'), 'utf8'));
/** Written before the comparison sides, on 48 entries in neither set; the blend was tuned on it. */
const third = parseEvalSet(readFileSync(join(projectRoot, 'test', 'grading', 'eval-set-3.jsonl'), 'utf8'));
/** Written before the blend was tuned, on 48 more entries; never tuned on. */
const fourth = parseEvalSet(readFileSync(join(projectRoot, 'test', 'grading', 'eval-set-4.jsonl'), 'utf8'));

/**
 * The figures the grader reached on the expert-scored sets (npm run grader:eval); they may only
 * improve. The targets were Spearman >= 0.65, false credit <= 25%, false blame <= 10%.
 * The first set's held-out Spearman was 0.854 before the rubric pass that took false credit on the
 * second set from 12.1% to 5.3% (README, "How open answers are graded"). Half credit for a key point
 * stated at one place only (SCORING.singleMentionCredit) took false credit on the unseen fourth set
 * from 4.9% to 2.1% and let false blame rise from none to one excellent answer in about 50 there.
 */
const REACHED = {
  all: { spearman: 0.87, falseCredit: 0.01, falseBlame: 0.025 },
  heldOut: { spearman: 0.85, falseCredit: 0, falseBlame: 0.08 },
  second: { spearman: 0.88, falseCredit: 0.01, falseBlame: 0 },
  third: { spearman: 0.82, falseCredit: 0.03, falseBlame: 0.025 },
  fourth: { spearman: 0.785, falseCredit: 0.025, falseBlame: 0.025 },
};

describe('the grader on the expert-scored evaluation set', () => {
  it('is large enough and written per entry with all five kinds of answer', () => {
    expect(cases.length).toBeGreaterThanOrEqual(150);
    const ids = new Set(cases.map((c) => c.id));
    expect(ids.size).toBeGreaterThanOrEqual(30);
    for (const id of ids) expect(cases.filter((c) => c.id === id).map((c) => c.label).sort()).toEqual(['buzzword', 'excellent', 'half', 'offtopic', 'wrong']);
    const heldOut = [...ids].filter(isHeldOut).length;
    expect(heldOut).toBeGreaterThanOrEqual(10);
    expect(ids.size - heldOut).toBeGreaterThanOrEqual(20);
  });

  it('has a second, third and fourth set, each on entries of its own, with all five kinds for each', () => {
    const earlier = new Set(cases.map((c) => c.id));
    for (const set of [second, third, fourth]) {
      const ids = new Set(set.map((c) => c.id));
      expect(ids.size).toBeGreaterThanOrEqual(40);
      for (const id of ids) expect(earlier.has(id), `${id} is in two sets`).toBe(false);
      for (const id of ids) expect(set.filter((c) => c.id === id).map((c) => c.label).sort()).toEqual(['buzzword', 'excellent', 'half', 'offtopic', 'wrong']);
      for (const id of ids) earlier.add(id);
    }
  });

  it('holds the figures reached, on all answers, on the held-out entries and on the later sets', async () => {
    const grader = new RubricGrader(bank.questions);
    const scored = await scoreEvalSet(bank, grader, cases);
    const subsets = [
      ['all', scored],
      ['heldOut', scored.filter((c) => isHeldOut(c.id))],
      ['second', await scoreEvalSet(bank, grader, second)],
      ['third', await scoreEvalSet(bank, grader, third)],
      ['fourth', await scoreEvalSet(bank, grader, fourth)],
    ] as const;
    for (const [name, subset] of subsets) {
      const f = figures(subset);
      const reached = REACHED[name];
      expect(f.spearman, `${name}: Spearman`).toBeGreaterThanOrEqual(reached.spearman);
      expect(f.falseCredit, `${name}: false credit`).toBeLessThanOrEqual(reached.falseCredit);
      expect(f.falseBlame, `${name}: false blame`).toBeLessThanOrEqual(reached.falseBlame);
    }
  });
});

describe('the evaluation arithmetic', () => {
  it('computes Spearman on ranks, with ties averaged', () => {
    expect(spearman([1, 2, 3, 4], [10, 20, 30, 40])).toBeCloseTo(1);
    expect(spearman([1, 2, 3, 4], [40, 30, 20, 10])).toBeCloseTo(-1);
    expect(spearman([1, 2, 3, 4], [1, 100, 1000, 10000])).toBeCloseTo(1);
    expect(spearman([1, 1, 2, 2], [1, 2, 3, 4])).toBeCloseTo(0.894, 3);
  });

  it('counts false credit over undeserving answers and false blame over excellent ones', () => {
    const f = figures([
      { id: 'a', label: 'excellent', expert: 95, answer: 'x', score: 40 },
      { id: 'a', label: 'excellent', expert: 90, answer: 'x', score: 90 },
      { id: 'a', label: 'wrong', expert: 5, answer: 'x', score: 50 },
      { id: 'a', label: 'buzzword', expert: 10, answer: 'x', score: 49 },
    ]);
    expect(f.falseBlame).toBe(0.5);
    expect(f.falseCredit).toBe(0.5);
  });
});

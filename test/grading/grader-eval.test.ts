import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBank } from '../../src/bank-loader.js';
import { figures, isHeldOut, readEvalSet, scoreEvalSet, spearman } from '../../scripts/bank/grader-eval.js';
import { RubricGrader } from '../../src/core/grading/rubric.js';
import { projectRoot } from '../../src/paths.js';

const bank = loadBank(join(projectRoot, 'data'));
const cases = readEvalSet('eval-set.jsonl');
/** Written later, on 44 other entries, before the rubric hardening it measured; the comparison sides were tuned on it. */
const second = readEvalSet('eval-set-2.jsonl');
/** Written before the comparison sides, on 48 entries in neither set; the blend was tuned on it. */
const third = readEvalSet('eval-set-3.jsonl');
/** Written before the blend was tuned, on 48 more entries; never tuned on until the fifth set came. */
const fourth = readEvalSet('eval-set-4.jsonl');
/** The last 36 entries, with a brief right answer each; a third of its entries held out (isHeldOut). */
const fifth = readEvalSet('eval-set-5.jsonl');
/** New answers to 48 entries, four a topic, written after every change it measures; nothing is tuned on it. */
const sixth = readEvalSet('eval-set-6.jsonl');

/**
 * The figures the grader reached on the expert-scored sets (npm run grader:eval); they may only
 * improve. The targets were Spearman >= 0.65, false credit <= 25%, false blame <= 10%.
 * The plain-language recall pass, full credit for a point stated once in a short answer
 * (SCORING.conciseWords), one-word keywords read as names and the retuned blend took the fifth
 * set's held-out entries from Spearman 0.818 to 0.863, brief right answers failed there from 77% to
 * 62% and false credit from 7.7% to 5.1% (README, "How open answers are graded").
 */
const REACHED: Record<string, { spearman: number; falseCredit: number; falseBlame: number; briefBlame?: number }> = {
  all: { spearman: 0.885, falseCredit: 0.016, falseBlame: 0 },
  heldOut: { spearman: 0.89, falseCredit: 0, falseBlame: 0 },
  second: { spearman: 0.885, falseCredit: 0.008, falseBlame: 0 },
  third: { spearman: 0.83, falseCredit: 0.028, falseBlame: 0.021 },
  fourth: { spearman: 0.795, falseCredit: 0.021, falseBlame: 0 },
  // Judging a short answer on its core (SCORING.corePoints) traded 0.005-0.008 of Spearman here for
  // brief right answers failed 44% -> 33% (fifth), 62% -> 54% (its held-out entries) and 40% -> 23%
  // (sixth), false credit and blame unchanged: these two Spearman floors were lowered for it.
  fifth: { spearman: 0.835, falseCredit: 0.038, falseBlame: 0.028, briefBlame: 0.334 },
  fifthHeldOut: { spearman: 0.86, falseCredit: 0.052, falseBlame: 0, briefBlame: 0.539 },
  // Measured first, as committed (5363c16), by the grader of d7f2bb9 (Spearman 0.784, brief 39.6%),
  // then once more after the core rule, chosen on the tuning sets alone.
  sixth: { spearman: 0.775, falseCredit: 0.063, falseBlame: 0.021, briefBlame: 0.23 },
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

  it('has four later sets, each on entries of its own, with all kinds for each, covering every open entry', () => {
    const earlier = new Set(cases.map((c) => c.id));
    const five = ['buzzword', 'excellent', 'half', 'offtopic', 'wrong'];
    for (const [set, kinds] of [[second, five], [third, five], [fourth, five], [fifth, [...five, 'brief'].sort()]] as const) {
      const ids = new Set(set.map((c) => c.id));
      expect(ids.size).toBeGreaterThanOrEqual(36);
      for (const id of ids) expect(earlier.has(id), `${id} is in two sets`).toBe(false);
      for (const id of ids) expect(set.filter((c) => c.id === id).map((c) => c.label).sort()).toEqual(kinds);
      for (const id of ids) earlier.add(id);
    }
    expect(bank.questions.filter((q) => !earlier.has(q.id)).map((q) => q.id)).toEqual([]);
  });

  it('has a sixth set of new answers: four entries a topic, all six kinds for each', () => {
    const ids = [...new Set(sixth.map((c) => c.id))];
    expect(ids).toHaveLength(48);
    const perTopic = new Map<string, number>();
    for (const id of ids) {
      const q = bank.get(id);
      expect(q, `${id} is not in the bank`).toBeDefined();
      perTopic.set(q!.topic, (perTopic.get(q!.topic) ?? 0) + 1);
      expect(sixth.filter((c) => c.id === id).map((c) => c.label).sort()).toEqual(['brief', 'buzzword', 'excellent', 'half', 'offtopic', 'wrong']);
    }
    expect(new Set(perTopic.values())).toEqual(new Set([4]));
    expect(perTopic.size).toBe(new Set(bank.questions.map((q) => q.topic)).size);
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
      ['fifth', await scoreEvalSet(bank, grader, fifth)],
      ['fifthHeldOut', await scoreEvalSet(bank, grader, fifth.filter((c) => isHeldOut(c.id)))],
      ['sixth', await scoreEvalSet(bank, grader, sixth)],
    ] as const;
    for (const [name, subset] of subsets) {
      const f = figures(subset);
      const reached = REACHED[name]!;
      expect(f.spearman, `${name}: Spearman`).toBeGreaterThanOrEqual(reached.spearman);
      expect(f.falseCredit, `${name}: false credit`).toBeLessThanOrEqual(reached.falseCredit);
      expect(f.falseBlame, `${name}: false blame`).toBeLessThanOrEqual(reached.falseBlame);
      expect(f.briefBlame, `${name}: brief blame`).toBeLessThanOrEqual(reached.briefBlame ?? 0);
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
    expect(f.briefBlame).toBe(0);
  });

  it('counts brief blame over the brief answers the expert passed', () => {
    const f = figures([
      { id: 'a', label: 'brief', expert: 65, answer: 'x', score: 59 },
      { id: 'a', label: 'brief', expert: 70, answer: 'x', score: 60 },
      { id: 'a', label: 'brief', expert: 50, answer: 'x', score: 10 },
    ]);
    expect(f.briefBlame).toBe(0.5);
  });
});

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { QuestionBank } from '../../src/core/bank/question-bank.js';
import { PASS_SCORE, type Grader } from '../../src/core/grading/grader.js';
import { projectRoot } from '../../src/paths.js';

/**
 * The kinds of answer in the evaluation sets, written by an expert without the rubric in view. Sets
 * from the fifth on also hold a brief answer per entry: right, one to three sentences.
 */
export const EVAL_LABELS = ['excellent', 'brief', 'half', 'wrong', 'buzzword', 'offtopic'] as const;
/** Answers that deserve no credit: one of these scoring 50 or more is false credit. */
const UNDESERVING = new Set(['wrong', 'buzzword', 'offtopic']);
const FALSE_CREDIT_AT = 50;

export const evalCaseSchema = z.object({
  id: z.string(),
  label: z.enum(EVAL_LABELS),
  expert: z.number().int().min(0).max(100),
  answer: z.string().min(1),
});
export type EvalCase = z.infer<typeof evalCaseSchema>;

export function parseEvalSet(jsonl: string): EvalCase[] {
  return jsonl
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l, i) => {
      const r = evalCaseSchema.safeParse(JSON.parse(l));
      if (!r.success) throw new Error(`eval set line ${i + 1}: ${r.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`);
      return r.data;
    });
}

/** One of the committed sets in test/grading ("eval-set-2.jsonl"). */
export const readEvalSet = (name: string): EvalCase[] => parseEvalSet(readFileSync(join(projectRoot, 'test', 'grading', name), 'utf8'));

/**
 * Which entries tuning may look at. A third of the entries, chosen by a hash of their id, is held
 * out: the grader's rules are never adjusted on them, so their figures show how it generalises.
 */
export const isHeldOut = (id: string) => createHash('sha256').update(id).digest()[0]! % 3 === 0;

function ranks(xs: readonly number[]): number[] {
  const order = xs.map((x, i) => [x, i] as const).sort((a, b) => a[0] - b[0]);
  const r = new Array<number>(xs.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && order[j + 1]![0] === order[i]![0]) j++;
    for (let k = i; k <= j; k++) r[order[k]![1]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return r;
}

/** Spearman's rank correlation (Pearson on average ranks, so ties are handled). */
export function spearman(a: readonly number[], b: readonly number[]): number {
  const ra = ranks(a);
  const rb = ranks(b);
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  const ma = mean(ra);
  const mb = mean(rb);
  let num = 0;
  let da = 0;
  let db = 0;
  ra.forEach((x, i) => {
    num += (x - ma) * (rb[i]! - mb);
    da += (x - ma) ** 2;
    db += (rb[i]! - mb) ** 2;
  });
  return da === 0 || db === 0 ? 0 : num / Math.sqrt(da * db);
}

export interface EvalFigures {
  cases: number;
  spearman: number;
  /** Share of wrong, buzzword and off-topic answers scoring 50 or more. */
  falseCredit: number;
  /** Share of excellent answers under the pass line. */
  falseBlame: number;
  /** Share of brief answers the expert passed that score under the pass line (0 when a set has none). */
  briefBlame: number;
  perLabel: Record<string, { cases: number; meanScore: number; meanExpert: number; credited: number }>;
}

export interface ScoredCase extends EvalCase {
  score: number;
}

export async function scoreEvalSet(bank: QuestionBank, grader: Grader, cases: readonly EvalCase[]): Promise<ScoredCase[]> {
  const out: ScoredCase[] = [];
  for (const c of cases) {
    const q = bank.get(c.id);
    if (!q) throw new Error(`eval set: unknown question id "${c.id}"`);
    out.push({ ...c, score: (await grader.grade(q, c.answer)).score });
  }
  return out;
}

export function figures(scored: readonly ScoredCase[]): EvalFigures {
  const share = (xs: readonly ScoredCase[], pred: (c: ScoredCase) => boolean) => (xs.length === 0 ? 0 : xs.filter(pred).length / xs.length);
  const perLabel: EvalFigures['perLabel'] = {};
  for (const label of EVAL_LABELS) {
    const xs = scored.filter((c) => c.label === label);
    if (xs.length === 0) continue;
    const mean = (f: (c: ScoredCase) => number) => xs.reduce((s, c) => s + f(c), 0) / xs.length;
    perLabel[label] = { cases: xs.length, meanScore: mean((c) => c.score), meanExpert: mean((c) => c.expert), credited: share(xs, (c) => c.score >= FALSE_CREDIT_AT) };
  }
  return {
    cases: scored.length,
    spearman: spearman(scored.map((c) => c.score), scored.map((c) => c.expert)),
    falseCredit: share(scored.filter((c) => UNDESERVING.has(c.label)), (c) => c.score >= FALSE_CREDIT_AT),
    falseBlame: share(scored.filter((c) => c.label === 'excellent'), (c) => c.score < PASS_SCORE),
    briefBlame: share(scored.filter((c) => c.label === 'brief' && c.expert >= PASS_SCORE), (c) => c.score < PASS_SCORE),
    perLabel,
  };
}

import { z } from 'zod';
import type { QuestionBank } from '../../src/core/bank/question-bank.js';
import type { Grade, Grader } from '../../src/core/grading/grader.js';

/** One graded answer as the authors' tooling writes it: key points and misconceptions by statement. */
export interface GradeLine {
  id: string;
  score: number;
  pass: boolean;
  covered: string[];
  missed: string[];
  misconceptions: string[];
  gradedBy: Grade['gradedBy'];
  partial?: string[];
  notice?: Grade['notice'];
  feedback?: string;
  /** Key points said of the wrong side of a comparison, by statement. */
  swapped?: string[];
}

const inputLine = z.object({ id: z.string().min(1), answer: z.string() });

export const toGradeLine = (id: string, g: Grade): GradeLine => ({
  id,
  score: g.score,
  pass: g.pass,
  covered: g.covered.map((k) => k.point),
  missed: g.missed.map((k) => k.point),
  misconceptions: g.misconceptions.map((m) => m.misconception.statement),
  gradedBy: g.gradedBy,
  ...(g.partial && g.partial.length > 0 ? { partial: g.partial.map((k) => k.point) } : {}),
  ...(g.notice ? { notice: g.notice } : {}),
  ...(g.feedback ? { feedback: g.feedback } : {}),
  ...(g.swapped && g.swapped.length > 0 ? { swapped: g.swapped.map((s) => s.keyPoint.point) } : {}),
});

const unknownId = (bank: QuestionBank, id: string) => `unknown question id "${id}"; see the id: fields in data/questions/*.yaml (e.g. "${bank.questions[0]?.id ?? ''}")`;

/** Grades one JSONL input line; a bad line gives an error object, never an exception. */
export async function gradeLine(bank: QuestionBank, grader: Grader, line: string): Promise<GradeLine | { error: string; input: string }> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return { error: 'not valid JSON; expected {"id": "question-id", "answer": "text"}', input: line.slice(0, 200) };
  }
  const input = inputLine.safeParse(parsed);
  if (!input.success) return { error: 'expected {"id": "question-id", "answer": "text"} with both fields strings', input: line.slice(0, 200) };
  const q = bank.get(input.data.id);
  if (!q) return { error: unknownId(bank, input.data.id), input: line.slice(0, 200) };
  return toGradeLine(q.id, await grader.grade(q, input.data.answer));
}

/** Grades one answer for a person at a terminal. */
export async function gradeText(bank: QuestionBank, grader: Grader, id: string, answer: string): Promise<{ ok: boolean; text: string }> {
  const q = bank.get(id);
  if (!q) return { ok: false, text: `error: ${unknownId(bank, id)}` };
  const g = await grader.grade(q, answer);
  const by = g.gradedBy === 'ai' ? 'graded by AI' : `graded by the rubric${g.notice ? ` (${g.notice})` : ''}`;
  const lines = [`${q.id}: ${g.score}/100 (${g.pass ? 'pass' : 'below the pass line'}; ${by})`];
  for (const k of g.covered) lines.push(`  covered: ${k.point}`);
  for (const k of g.partial ?? []) lines.push(`  partly:  ${k.point}`);
  for (const k of g.missed) lines.push(`  missed:  ${k.point}`);
  for (const m of g.misconceptions) lines.push(`  misconception: "${m.quote}" — ${m.misconception.statement} ${m.misconception.correction}`);
  for (const s of g.swapped ?? []) lines.push(`  said of the wrong one: "${s.quote}" — holds for ${s.holdsFor}, not ${s.saidOf}: ${s.keyPoint.point}`);
  if (g.feedback) lines.push(`  feedback: ${g.feedback}`);
  return { ok: true, text: lines.join('\n') };
}

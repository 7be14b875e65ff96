import type { KeyPoint } from '../bank/schema.js';
import { StemmedText } from './text-match.js';

export interface RubricResult {
  /** 0–100: the share of key points the answer evidences. */
  score: number;
  covered: KeyPoint[];
  missed: KeyPoint[];
}

/** An open answer at or above this score counts as correct for accuracy statistics. */
export const PASS_SCORE = 60;

/**
 * Grades a free-text answer against a rubric: a key point is covered when any of its keywords
 * (or synonyms) appears in the answer, compared word by word after stemming.
 */
export function gradeAgainstRubric(answer: string | StemmedText, keyPoints: readonly KeyPoint[]): RubricResult {
  const text = typeof answer === 'string' ? new StemmedText(answer) : answer;
  const covered: KeyPoint[] = [];
  const missed: KeyPoint[] = [];
  for (const kp of keyPoints) {
    (kp.keywords.some((k) => text.hasPhrase(k)) ? covered : missed).push(kp);
  }
  const score = keyPoints.length === 0 ? 0 : Math.round((100 * covered.length) / keyPoints.length);
  return { score, covered, missed };
}

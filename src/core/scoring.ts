import type { Difficulty } from './bank/schema.js';

/** Points for a fully correct answer, by difficulty. */
export const BASE_POINTS: Record<Difficulty, number> = { beginner: 10, intermediate: 20, advanced: 30 };

/** A question scores for a user at most once in this window, so repetition cannot farm points. */
export const SCORE_WINDOW_DAYS = 30;
export const SCORE_WINDOW_MS = SCORE_WINDOW_DAYS * 86_400_000;

export const FLASH_RATINGS = ['again', 'hard', 'good', 'easy'] as const;
export type FlashRating = (typeof FLASH_RATINGS)[number];

/**
 * Flash cards are self-graded, so they earn at most half of a graded answer: enough to keep a
 * streak meaningful, not enough to beat people who answer graded questions.
 */
const FLASH_SHARE: Record<FlashRating, number> = { again: 0, hard: 0.25, good: 0.5, easy: 0.5 };

export function choicePoints(difficulty: Difficulty, correct: boolean): number {
  return correct ? BASE_POINTS[difficulty] : 0;
}

export function openPoints(difficulty: Difficulty, score: number): number {
  return Math.round((BASE_POINTS[difficulty] * Math.max(0, Math.min(100, score))) / 100);
}

export function flashPoints(difficulty: Difficulty, rating: FlashRating): number {
  return Math.round(BASE_POINTS[difficulty] * FLASH_SHARE[rating]);
}

// The hint halves what an answer earns: applied atomically by the store when the answer is
// recorded (answer-rules.ts, restated in lua/record-answer-1.lua), so a hint taken in another
// process still counts.

import { PASS_SCORE } from '../grading/grader.js';
import type { GradedAnswer } from './graded-answer.js';

/**
 * How a graded answer rates as an FSRS review. Pure, so every mode maps one way:
 *
 * | answer | rating |
 * |---|---|
 * | choice wrong | again |
 * | choice right after the hint | hard |
 * | choice right within EASY_WITHIN_MS, no hint, at the card's second or later review | easy |
 * | choice right otherwise | good |
 * | open / interview score below PASS_SCORE (60) | again |
 * | open / interview 60–74 (or any pass after the hint) | hard |
 * | open / interview 75–89 | good |
 * | open / interview 90–100, no hint | easy |
 * | flash | the member's own rating |
 *
 * Easy only from the second review on: a first right answer says the member can pick the option,
 * not that the card is already well known.
 */
export type ReviewRating = 'again' | 'hard' | 'good' | 'easy';

/** A right choice answer this quick (from the question shown to the answer) reads as easy recall. */
export const EASY_WITHIN_MS = 8_000;
/** Open and interview score bands (0–100): below PASS_SCORE again, then hard, good, easy from these. */
export const OPEN_GOOD_FROM = 75;
export const OPEN_EASY_FROM = 90;

/** `priorReviews`: how often the member had answered this question before (the card's reps). */
export function reviewRating(answer: Pick<GradedAnswer, 'source' | 'correct' | 'score' | 'usedHint' | 'flashRating' | 'elapsedMs'>, priorReviews: number): ReviewRating {
  switch (answer.source) {
    case 'flash':
      return answer.flashRating ?? (answer.correct ? 'good' : 'again');
    case 'open':
    case 'interview':
      return openRating(answer.score ?? (answer.correct ? PASS_SCORE : 0), answer.usedHint);
    case 'choice':
      if (!answer.correct) return 'again';
      if (answer.usedHint) return 'hard';
      if (priorReviews >= 1 && answer.elapsedMs !== undefined && answer.elapsedMs <= EASY_WITHIN_MS) return 'easy';
      return 'good';
  }
}

function openRating(score: number, usedHint: boolean): ReviewRating {
  if (score < PASS_SCORE) return 'again';
  if (usedHint || score < OPEN_GOOD_FROM) return 'hard';
  return score >= OPEN_EASY_FROM ? 'easy' : 'good';
}

/** A review counts as recalled unless it was rated again. */
export const recalled = (rating: ReviewRating): boolean => rating !== 'again';

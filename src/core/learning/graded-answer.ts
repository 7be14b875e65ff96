import type { UserRef } from '../identity.js';
import type { ReviewOutcome, ReviewWrite } from './card-store.js';

/**
 * The learning loop's seams. Every graded answer, whatever the mode (quiz, practice, daily,
 * interview), is reported once as a GradedAnswer; the memory model (FSRS) turns it into a review.
 * Kept apart from the quiz and interview services so neither needs to know how memory is modelled.
 */
export type AnswerSource = 'choice' | 'open' | 'flash' | 'interview';

export interface GradedAnswer {
  user: UserRef;
  questionId: string;
  topic: string;
  source: AnswerSource;
  /** Choice and flash: right or wrong; open and interview: score ≥ the pass mark. */
  correct: boolean;
  /** Open and interview answers: 0–100. */
  score?: number | undefined;
  usedHint: boolean;
  /** Flash answers: the member's own rating. */
  flashRating?: 'again' | 'hard' | 'good' | 'easy' | undefined;
  /** Time from the question being shown to the answer, when known. */
  elapsedMs?: number | undefined;
  /** When the answer was recorded (epoch ms). */
  at: number;
  /**
   * The delivery answered, when there is one. A client re-sending the same answer gets the recorded
   * result again and is reported again; the memory model reviews a card once per delivery.
   */
  deliveryId?: string | undefined;
}

/** Told about every graded answer that was recorded (not about duplicates). */
export interface AnswerObserver {
  answerGraded(answer: GradedAnswer): Promise<void>;
}

/** A graded answer before it is recorded: whether the member took the hint is read while recording. */
export type PlannedAnswer = Omit<GradedAnswer, 'usedHint'>;

/**
 * The quiz's side of the memory model: the review is planned before the answer is recorded and
 * the store saves it in the same atomic step (AnswerInput.review), so a click stays one round trip.
 */
export interface ReviewPlanner {
  /** The card after this answer, without and with the hint, from the card this process saw last. */
  planReview(answer: PlannedAnswer): ReviewWrite;
  /**
   * After the answer was recorded: keep the saved card, or review again against the stored card
   * the plan missed (`outcome` undefined: the store saved nothing, e.g. a replayed answer).
   */
  reviewRecorded(answer: GradedAnswer, outcome: ReviewOutcome | undefined): Promise<void>;
}

/** How many of a member's cards are due by a time: what reminders and `review` ask. */
export interface DueCards {
  dueCount(user: UserRef, until: number): Promise<number>;
}

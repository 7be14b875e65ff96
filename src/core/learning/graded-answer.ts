import type { UserRef } from '../identity.js';

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

/** How many of a member's cards are due by a time: what reminders and `review` ask. */
export interface DueCards {
  dueCount(user: UserRef, until: number): Promise<number>;
}

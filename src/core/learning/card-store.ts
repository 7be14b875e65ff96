import type { UserRef } from '../identity.js';
import type { CardRecord, ReviewTally, TopicProgress } from './card.js';
import type { GradedAnswer } from './graded-answer.js';

/**
 * What the learning loop needs from a store: each member's cards (one per question answered), the
 * due index, and the retention tally. Every method is scoped to one member of one community.
 * MemoryStore, SqliteStore and RedisStore implement it; test/contract/card-store-contract.ts pins it.
 */
export interface CardStore {
  getCard(user: UserRef, questionId: string): Promise<CardRecord | null>;
  /**
   * Compare-and-set: stores `card` (and its due date in the due index) only when the stored card's
   * reps still equal `expectedReps` (0 when there is none), so two answers at once cannot lose a
   * review. When `tally` is given the review also counts for retention. Returns false, changing
   * nothing, when another answer got there first.
   */
  saveCard(user: UserRef, card: CardRecord, expectedReps: number, tally?: { recalled: boolean }  ): Promise<boolean>;
  /** Cards due at or before `until`, the soonest due (the most overdue) first, at most `limit`. */
  dueCards(user: UserRef, until: number, limit: number): Promise<CardRecord[]>;
  countDue(user: UserRef, until: number): Promise<number>;
  /** The questions the member has a card for (answered at least once). */
  cardIds(user: UserRef): Promise<string[]>;
  /** Cards and learned cards per topic, and accuracy over cards last reviewed at or after `since`. */
  topicProgress(user: UserRef, since: number): Promise<Record<string, TopicProgress>>;
  reviewTally(user: UserRef): Promise<ReviewTally>;
}

/** A card to save with compare-and-set, and whether the review counts for retention. */
export interface CardSave {
  card: CardRecord;
  /** Given when the card was seen before: the review then counts for retention. */
  tally?: { recalled: boolean } | undefined;
}

/**
 * An answer's review as the store receives it with the answer (AnswerInput.review): what grading
 * said, without whether the member took the hint, which the store reads in the same step (another
 * process may have shown it). The store reviews the member's card for the question with it
 * (answerReview): at once (Memory, SQLite), or, on Redis, queued in that step and folded into the
 * cards before any of them is next read, so a click stays one short round trip.
 */
export type AnswerReview = Omit<GradedAnswer, 'user' | 'usedHint'>;

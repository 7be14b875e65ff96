import { reviewCard, type CardRecord } from './card.js';
import type { AnswerReview, CardSave } from './card-store.js';
import { recalled, reviewRating } from './review-rating.js';

/**
 * The card save an answer makes of the member's stored card for its question (null: none yet),
 * or null when the stored card's last review was this answer's delivery (a replay is reviewed
 * once). Only a card seen before counts for retention: a first answer recalls nothing. Every store
 * and the learning loop review through this one function, so they schedule alike.
 */
export function answerReview(prev: CardRecord | null, review: AnswerReview, usedHint: boolean): CardSave | null {
  if (review.deliveryId !== undefined && prev?.lastDeliveryId === review.deliveryId) return null;
  const { source, correct, score, flashRating, elapsedMs } = review; // no spread: a fold reviews many (see QuizService.answerChoice)
  const rating = reviewRating({ source, correct, score, flashRating, elapsedMs, usedHint }, prev?.reps ?? 0);
  // Never before the card's last review (ts-fsrs refuses that): an answer queued on Redis can be
  // folded after a later one was saved directly, and a fold can read a card another fold just saved.
  const at = Math.max(review.at, prev?.lastReview ?? review.at);
  const card = reviewCard(prev, review.questionId, review.topic, rating, at, review.deliveryId);
  return { card, tally: prev ? { recalled: recalled(rating) } : undefined };
}

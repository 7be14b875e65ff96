import { describe, expect, it } from 'vitest';
import { answerReview } from '../../src/core/learning/answer-review.js';
import { reviewCard } from '../../src/core/learning/card.js';
import type { AnswerReview } from '../../src/core/learning/card-store.js';

const DAY = 86_400_000;
const T0 = Date.parse('2026-12-01T09:00:00Z');
const review = (at: number, deliveryId: string): AnswerReview => ({ questionId: 'q1', topic: 'cnn', source: 'choice', correct: true, at, deliveryId });

describe('answerReview', () => {
  it('reviews the stored card, tallies only a card seen before, and skips a replay of its last delivery', () => {
    const first = answerReview(null, review(T0, 'd1'), false)!;
    expect(first.tally).toBeUndefined();
    expect(first.card).toEqual(reviewCard(null, 'q1', 'cnn', 'good', T0, 'd1'));
    const second = answerReview(first.card, review(T0 + 3 * DAY, 'd2'), true)!;
    expect(second.card).toEqual(reviewCard(first.card, 'q1', 'cnn', 'hard', T0 + 3 * DAY, 'd2'));
    expect(second.tally).toEqual({ recalled: true });
    expect(answerReview(second.card, review(T0 + 4 * DAY, 'd2'), false)).toBeNull();
  });

  it('an answer older than the card\'s last review is reviewed at that review, not refused', () => {
    const later = reviewCard(null, 'q1', 'cnn', 'good', T0 + 5 * DAY, 'd9');
    const save = answerReview(later, review(T0, 'd1'), false)!;
    expect(save.card).toEqual(reviewCard(later, 'q1', 'cnn', 'good', T0 + 5 * DAY, 'd1'));
    expect(save.card.reps).toBe(2);
  });
});

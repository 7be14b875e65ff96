import { describe, expect, it } from 'vitest';
import type { GradedAnswer } from '../../src/core/learning/graded-answer.js';
import { EASY_WITHIN_MS, reviewRating } from '../../src/core/learning/review-rating.js';
import { createEmptyCard, fsrs, generatorParameters, Rating } from 'ts-fsrs';
import { reviewCard } from '../../src/core/learning/card.js';
import { aUser } from '../support/builders.js';

const answer = (extra: Partial<GradedAnswer>): GradedAnswer => ({
  user: aUser(),
  questionId: 'q1',
  topic: 'cnn',
  source: 'choice',
  correct: true,
  usedHint: false,
  at: Date.parse('2026-12-01T09:00:00Z'),
  ...extra,
});

describe('reviewRating: graded answers as FSRS ratings', () => {
  it('choice: wrong is again, right after the hint hard, right good; easy only quick and from the second review', () => {
    expect(reviewRating(answer({ correct: false }), 3)).toBe('again');
    expect(reviewRating(answer({ correct: false, elapsedMs: 1000 }), 3)).toBe('again');
    expect(reviewRating(answer({ usedHint: true, elapsedMs: 1000 }), 3)).toBe('hard');
    expect(reviewRating(answer({}), 3)).toBe('good');
    expect(reviewRating(answer({ elapsedMs: EASY_WITHIN_MS + 1 }), 3)).toBe('good');
    expect(reviewRating(answer({ elapsedMs: EASY_WITHIN_MS }), 1)).toBe('easy');
    // A quick first answer is only good: the card is not known yet.
    expect(reviewRating(answer({ elapsedMs: 500 }), 0)).toBe('good');
  });

  it('open and interview: by score band (below 60 again, 60–74 hard, 75–89 good, 90+ easy); a hint caps a pass at hard', () => {
    for (const source of ['open', 'interview'] as const) {
      const rate = (score: number, usedHint = false) => reviewRating(answer({ source, score, correct: score >= 60, usedHint }), 0);
      expect([0, 59, 60, 74, 75, 89, 90, 100].map((s) => rate(s))).toEqual(['again', 'again', 'hard', 'hard', 'good', 'good', 'easy', 'easy']);
      expect(rate(95, true)).toBe('hard');
      expect(rate(40, true)).toBe('again');
    }
  });

  it('flash: the member’s own rating, whatever else is known', () => {
    for (const r of ['again', 'hard', 'good', 'easy'] as const) {
      expect(reviewRating(answer({ source: 'flash', flashRating: r, correct: r !== 'again', elapsedMs: 100 }), 4)).toBe(r);
    }
  });
});

describe('reviewCard: ts-fsrs schedules in days', () => {
  const at = Date.parse('2026-12-01T09:00:00Z');
  const DAY = 86_400_000;

  it('a first answer: again comes back sooner than good, good sooner than easy', () => {
    const due = (r: 'again' | 'hard' | 'good' | 'easy') => reviewCard(null, 'q1', 'cnn', r, at).due;
    expect(due('again')).toBeGreaterThan(at);
    expect(due('again')).toBeLessThan(due('hard'));
    expect(due('hard')).toBeLessThan(due('good'));
    expect(due('good')).toBeLessThan(due('easy'));
    // Day-scale intervals: no minute-long learning steps.
    expect(due('again') - at).toBeGreaterThanOrEqual(DAY);
  });

  it('a recalled review grows the interval; a lapse shrinks it and counts', () => {
    const first = reviewCard(null, 'q1', 'cnn', 'good', at);
    const second = reviewCard(first, 'q1', 'cnn', 'good', first.due);
    expect(second.reps).toBe(2);
    expect(second.due - first.due).toBeGreaterThan(first.due - at);
    const lapse = reviewCard(second, 'q1', 'cnn', 'again', second.due);
    expect(lapse.lapses).toBe(1);
    expect(lapse.lastCorrect).toBe(false);
    expect(lapse.due - second.due).toBeLessThan(second.due - first.due);
  });

  it('a first review, worked out once per rating and shifted, is what ts-fsrs computes at the answer itself', () => {
    // The scheduler card.ts uses: day-scale intervals, no fuzz.
    const scheduler = fsrs(generatorParameters({ enable_short_term: false, enable_fuzz: false }));
    const grades = { again: Rating.Again, hard: Rating.Hard, good: Rating.Good, easy: Rating.Easy } as const;
    // Times across a month, a daylight-saving change in Europe and the US, and odd milliseconds.
    for (const when of [at, Date.parse('2027-03-28T00:30:00Z'), Date.parse('2027-11-07T06:59:59.999Z'), at + 17 * DAY + 12_345]) {
      for (const r of ['again', 'hard', 'good', 'easy'] as const) {
        const next = scheduler.next(createEmptyCard(new Date(when)), new Date(when), grades[r]).card;
        expect(reviewCard(null, 'q1', 'cnn', r, when, 'd1')).toEqual({
          questionId: 'q1', topic: 'cnn', due: next.due.getTime(), stability: next.stability, difficulty: next.difficulty,
          elapsedDays: next.elapsed_days, scheduledDays: next.scheduled_days, learningSteps: next.learning_steps,
          reps: next.reps, lapses: next.lapses, state: next.state, lastReview: when, lastCorrect: r !== 'again', lastDeliveryId: 'd1',
        });
      }
    }
    expect(reviewCard(null, 'q2', 'rnn', 'good', at)).not.toHaveProperty('lastDeliveryId');
  });
});

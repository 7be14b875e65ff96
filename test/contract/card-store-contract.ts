import { expect, it } from 'vitest';
import { reviewCard, type CardRecord } from '../../src/core/learning/card.js';
import type { Store } from '../../src/core/store.js';
import type { AnswerInput } from '../../src/core/answer-rules.js';
import type { AnswerReview } from '../../src/core/learning/card-store.js';
import { answerReview } from '../../src/core/learning/answer-review.js';
import type { UserRef } from '../../src/core/identity.js';
import { aCommunity, aUser } from '../support/builders.js';

const DAY = 86_400_000;
const T0 = Date.parse('2026-12-01T09:00:00Z');

/** A card as a first answer leaves it, then due at `due` (so tests pick the order). */
const aCard = (questionId: string, due: number, extra: Partial<CardRecord> = {}): CardRecord => ({
  ...reviewCard(null, questionId, 'cnn', 'good', T0),
  due,
  ...extra,
});

/** The learning loop's store port (core/learning/card-store.ts), the same on every store. */
export function cardStoreContract(current: () => Store): void {
  const community = aCommunity('g-cards');
  const ann = aUser('ann', community);

  it('cards: saved and read back whole; absent cards read as null', async () => {
    const s = current();
    expect(await s.getCard(ann, 'q1')).toBeNull();
    const card = aCard('q1', T0 + 3 * DAY);
    expect(await s.saveCard(ann, card, 0)).toBe(true);
    expect(await s.getCard(ann, 'q1')).toEqual(card);
    expect(await s.cardIds(ann)).toEqual(['q1']);
  });

  it('cards: a save is a compare-and-set on reps, and the loser of a race changes nothing', async () => {
    const s = current();
    const first = aCard('q1', T0 + DAY);
    expect(await s.saveCard(ann, first, 0)).toBe(true);
    const second = aCard('q1', T0 + 5 * DAY, { reps: 2 });
    const rival = aCard('q1', T0 + 9 * DAY, { reps: 2, topic: 'rnn' });
    const results = await Promise.all([s.saveCard(ann, second, 1, { recalled: true }), s.saveCard(ann, rival, 1, { recalled: false })]);
    expect(results.filter(Boolean)).toHaveLength(1);
    const kept = results[0] ? second : rival;
    expect(await s.getCard(ann, 'q1')).toEqual(kept);
    // The due index moved with the card, and only the winner was tallied.
    expect(await s.countDue(ann, kept.due)).toBe(1);
    expect(await s.countDue(ann, kept.due - 1)).toBe(0);
    expect(await s.reviewTally(ann)).toEqual({ reviews: 1, recalled: kept === second ? 1 : 0 });
    // A stale expectation (0: "no card yet") is refused.
    expect(await s.saveCard(ann, aCard('q1', T0), 0)).toBe(false);
    expect(await s.getCard(ann, 'q1')).toEqual(kept);
  });

  it('cards: due cards come most overdue first, up to the limit; counts by a time', async () => {
    const s = current();
    await s.saveCard(ann, aCard('late', T0 - 6 * DAY), 0);
    await s.saveCard(ann, aCard('later', T0 - 1 * DAY), 0);
    await s.saveCard(ann, aCard('today', T0 + 3_600_000), 0);
    await s.saveCard(ann, aCard('next-week', T0 + 8 * DAY), 0);
    expect((await s.dueCards(ann, T0, 10)).map((c) => c.questionId)).toEqual(['late', 'later']);
    expect((await s.dueCards(ann, T0 + DAY, 2)).map((c) => c.questionId)).toEqual(['late', 'later']);
    expect((await s.dueCards(ann, T0 + 30 * DAY, 10)).map((c) => c.questionId)).toEqual(['late', 'later', 'today', 'next-week']);
    expect(await s.countDue(ann, T0)).toBe(2);
    expect(await s.countDue(ann, T0 + DAY)).toBe(3);
    expect(await s.countDue(ann, T0 + 7 * DAY)).toBe(3);
  });

  it('cards: per-topic cards, learned cards and recent accuracy; retention tally', async () => {
    const s = current();
    await s.saveCard(ann, aCard('c1', T0, { topic: 'cnn', lastCorrect: true, lastReview: T0 - 40 * DAY }), 0);
    await s.saveCard(ann, aCard('c2', T0, { topic: 'cnn', lastCorrect: false }), 0);
    await s.saveCard(ann, aCard('r1', T0, { topic: 'rnn', lastCorrect: true }), 0, { recalled: true });
    await s.saveCard(ann, aCard('r2', T0, { topic: 'rnn', lastCorrect: false }), 0, { recalled: false });
    await s.saveCard(ann, aCard('r3', T0, { topic: 'rnn', lastCorrect: true }), 0, { recalled: true });
    expect(await s.topicProgress(ann, T0 - 30 * DAY)).toEqual({
      cnn: { cards: 2, learned: 1, recentAnswered: 1, recentCorrect: 0 },
      rnn: { cards: 3, learned: 2, recentAnswered: 3, recentCorrect: 2 },
    });
    expect(await s.reviewTally(ann)).toEqual({ reviews: 3, recalled: 2 });
  });

  it('cards: each member of each community has their own', async () => {
    const s = current();
    const other = aUser('ann', aCommunity('g-cards', 'slack'));
    const ben = aUser('ben', community);
    await s.saveCard(ann, aCard('q1', T0 - DAY), 0, { recalled: true });
    for (const u of [other, ben]) {
      expect(await s.getCard(u, 'q1')).toBeNull();
      expect(await s.dueCards(u, T0, 10)).toEqual([]);
      expect(await s.countDue(u, T0)).toBe(0);
      expect(await s.cardIds(u)).toEqual([]);
      expect(await s.topicProgress(u, 0)).toEqual({});
      expect(await s.reviewTally(u)).toEqual({ reviews: 0, recalled: 0 });
    }
  });

  // An answer's review handed to the store with the answer (AnswerInput.review): reviewed in that
  // step, or queued in it and folded before the cards are next read; either way every read sees it.
  const answer = (user: UserRef, deliveryId: string, review: AnswerReview | undefined, extra: Partial<AnswerInput> = {}): AnswerInput => ({
    user, deliveryId, questionId: 'q1', topic: 'cnn', correct: true, basePoints: 20, day: 20_000, week: '2026-W48', month: '2026-12',
    weekExpiresAt: T0 + 10 * DAY, monthExpiresAt: T0 + 40 * DAY, scoreWindowMs: DAY, now: T0, deliveryTtlMs: DAY, submission: 'choice:1', review, ...extra,
  });
  const review = (deliveryId: string, at: number, extra: Partial<AnswerReview> = {}): AnswerReview => ({
    questionId: 'q1', topic: 'cnn', source: 'choice', correct: true, at, deliveryId, elapsedMs: 3_000, ...extra,
  });
  /** The card the review leaves on `prev`, as answerReview works it out. */
  const after = (prev: CardRecord | null, r: AnswerReview, usedHint = false) => answerReview(prev, r, usedHint)!.card;

  it('answer with review: the card is reviewed with the answer and due indexed; a replay or a duplicate reviews nothing more', async () => {
    const s = current();
    const first = review('d1', T0);
    const card = after(null, first);
    expect(await s.recordAnswer(answer(ann, 'd1', first))).toMatchObject({ status: 'recorded', points: 20 });
    expect(await s.getCard(ann, 'q1')).toEqual(card);
    expect(card).toMatchObject({ reps: 1, lastDeliveryId: 'd1' });
    expect(await s.countDue(ann, card.due)).toBe(1);
    expect(await s.countDue(ann, card.due - 1)).toBe(0);
    expect(await s.reviewTally(ann)).toEqual({ reviews: 0, recalled: 0 });
    // The same click again gets the first outcome and no review; another answer is a duplicate.
    expect(await s.recordAnswer(answer(ann, 'd1', review('d1', T0 + DAY)))).toMatchObject({ status: 'recorded', points: 20 });
    expect(await s.recordAnswer(answer(ann, 'd1', review('d1', T0 + DAY), { submission: 'choice:3' }))).toEqual({ status: 'duplicate' });
    expect(await s.getCard(ann, 'q1')).toEqual(card);
    expect(await s.cardIds(ann)).toEqual(['q1']);
  });

  it('answer with review: the hint mark read in the step rates it, and a card seen before counts for retention', async () => {
    const s = current();
    const seen = aCard('q1', T0 - DAY, { lastReview: T0 - 3 * DAY });
    await s.saveCard(ann, seen, 0);
    await s.saveCard(ann, { ...seen, questionId: 'q2' }, 0);
    await s.markHint(community, 'd-hint', ann.userId, DAY);
    const hinted = review('d-hint', T0);
    await s.recordAnswer(answer(ann, 'd-hint', hinted));
    // A right answer after the hint rates hard; the same answer without it easy (quick, second review).
    expect(await s.getCard(ann, 'q1')).toEqual(after(seen, hinted, true));
    expect(after(seen, hinted, true).due).toBeLessThan(after(seen, hinted, false).due);
    const plain = review('d-plain', T0, { questionId: 'q2' });
    await s.recordAnswer(answer(ann, 'd-plain', plain, { questionId: 'q2' }));
    expect(await s.getCard(ann, 'q2')).toEqual(after({ ...seen, questionId: 'q2' }, plain, false));
    // A wrong answer is not recalled.
    const wrong = review('d-wrong', T0 + DAY, { correct: false });
    await s.recordAnswer(answer(ann, 'd-wrong', wrong, { correct: false }));
    expect(await s.reviewTally(ann)).toEqual({ reviews: 3, recalled: 2 });
    expect(await s.topicProgress(ann, 0)).toEqual({ cnn: { cards: 2, learned: 1, recentAnswered: 2, recentCorrect: 1 } });
  });

  it('answer with review: answers review in the order recorded, on top of a card saved meanwhile by saveCard', async () => {
    const s = current();
    const r1 = review('d1', T0);
    await s.recordAnswer(answer(ann, 'd1', r1));
    const c1 = after(null, r1);
    // Another path (an interview's answer) reviews the card through saveCard, on the card it reads.
    const read = await s.getCard(ann, 'q1');
    expect(read).toEqual(c1);
    const c2 = after(c1, review('interview', T0 + DAY));
    expect(await s.saveCard(ann, c2, c1.reps, { recalled: true })).toBe(true);
    // Three more quiz answers, the last one wrong: each reviews the card the one before left.
    let expected = c2;
    for (const [i, correct] of [true, true, false].entries()) {
      const r = review(`d${i + 2}`, T0 + (i + 2) * 3 * DAY, { correct });
      await s.recordAnswer(answer(ann, `d${i + 2}`, r, { correct }));
      expected = after(expected, r);
    }
    expect(await s.getCard(ann, 'q1')).toEqual(expected);
    expect(expected).toMatchObject({ reps: 5, lapses: 1, lastCorrect: false, lastDeliveryId: 'd4' });
    expect(await s.reviewTally(ann)).toEqual({ reviews: 4, recalled: 3 });
    expect((await s.getStats(ann)).answered).toBe(4);
  });
}

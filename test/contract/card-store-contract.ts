import { expect, it } from 'vitest';
import { reviewCard, type CardRecord } from '../../src/core/learning/card.js';
import type { Store } from '../../src/core/store.js';
import type { AnswerInput } from '../../src/core/answer-rules.js';
import type { ReviewWrite } from '../../src/core/learning/card-store.js';
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

  // A review saved with its answer (AnswerInput.review): one store step, so a click is one round trip.
  const answer = (user: UserRef, deliveryId: string, review: ReviewWrite | undefined, extra: Partial<AnswerInput> = {}): AnswerInput => ({
    user, deliveryId, questionId: 'q1', topic: 'cnn', correct: true, basePoints: 20, day: 20_000, week: '2026-W48', month: '2026-12',
    weekExpiresAt: T0 + 10 * DAY, monthExpiresAt: T0 + 40 * DAY, scoreWindowMs: DAY, now: T0, deliveryTtlMs: DAY, submission: 'choice:1', review, ...extra,
  });
  const write = (expectedReps: number, plain: CardRecord, hinted = plain, tally?: { recalled: boolean }): ReviewWrite => ({
    expectedReps, withoutHint: { card: plain, tally }, withHint: hinted === plain ? { card: plain, tally } : { card: hinted, tally: tally && { recalled: false } },
  });

  it('answer with review: the card is saved with the answer, due indexed; a replay or a duplicate saves nothing more', async () => {
    const s = current();
    const card = aCard('q1', T0 + 2 * DAY);
    const out = await s.recordAnswer(answer(ann, 'd1', write(0, card)));
    expect(out).toMatchObject({ status: 'recorded', points: 20, review: { saved: true, card } });
    expect(await s.getCard(ann, 'q1')).toEqual(card);
    expect(await s.countDue(ann, T0 + 2 * DAY)).toBe(1);
    expect(await s.reviewTally(ann)).toEqual({ reviews: 0, recalled: 0 });
    // The same click again gets the first outcome and no review; another answer is a duplicate.
    const later = aCard('q1', T0 + 9 * DAY, { reps: 2 });
    const replay = await s.recordAnswer(answer(ann, 'd1', write(1, later)));
    expect(replay).toMatchObject({ status: 'recorded', points: 20 });
    expect(replay.status === 'recorded' && replay.review).toBeFalsy();
    expect(await s.recordAnswer(answer(ann, 'd1', write(1, later), { submission: 'choice:3' }))).toEqual({ status: 'duplicate' });
    expect(await s.getCard(ann, 'q1')).toEqual(card);
  });

  it('answer with review: the store picks the card for the hint it reads, and tallies a card seen before', async () => {
    const s = current();
    await s.saveCard(ann, aCard('q1', T0 - DAY), 0);
    await s.saveCard(ann, aCard('q2', T0 - DAY, { questionId: 'q2' }), 0);
    const plain = aCard('q1', T0 + 5 * DAY, { reps: 2 });
    const hinted = aCard('q1', T0 + 2 * DAY, { reps: 2, lastCorrect: false });
    await s.markHint(community, 'd-hint', ann.userId, DAY);
    const out = await s.recordAnswer(answer(ann, 'd-hint', write(1, plain, hinted, { recalled: true })));
    expect(out).toMatchObject({ status: 'recorded', hintUsed: true, review: { saved: true, card: hinted } });
    expect(await s.getCard(ann, 'q1')).toEqual(hinted);
    expect(await s.reviewTally(ann)).toEqual({ reviews: 1, recalled: 0 });
    // Without the hint mark the other card is saved.
    const plain2 = aCard('q2', T0 + 5 * DAY, { questionId: 'q2', reps: 2 });
    const hinted2 = aCard('q2', T0 + 2 * DAY, { questionId: 'q2', reps: 2, lastCorrect: false });
    const out2 = await s.recordAnswer(answer(ann, 'd-plain', write(1, plain2, hinted2, { recalled: true }), { questionId: 'q2' }));
    expect(out2).toMatchObject({ status: 'recorded', hintUsed: false, review: { saved: true, card: plain2 } });
    expect(await s.getCard(ann, 'q2')).toEqual(plain2);
    expect(await s.reviewTally(ann)).toEqual({ reviews: 2, recalled: 1 });
  });

  it('answer with review: a wrong guess of the stored card saves no card but records the answer, and returns the stored card', async () => {
    const s = current();
    const stored = aCard('q1', T0 + DAY);
    await s.saveCard(ann, stored, 0);
    // The caller guessed "no card yet": nothing of the card changes, the answer still counts.
    const out = await s.recordAnswer(answer(ann, 'd1', write(0, aCard('q1', T0 + 7 * DAY))));
    expect(out).toMatchObject({ status: 'recorded', points: 20, review: { saved: false, stored } });
    expect(await s.getCard(ann, 'q1')).toEqual(stored);
    expect(await s.countDue(ann, T0 + DAY)).toBe(1);
    expect(await s.reviewTally(ann)).toEqual({ reviews: 0, recalled: 0 });
    expect((await s.getStats(ann)).answered).toBe(1);
    // A guess of a card that is not there returns none.
    const out2 = await s.recordAnswer(answer(ann, 'd2', write(3, aCard('q9', T0, { questionId: 'q9', reps: 4 })), { questionId: 'q9' }));
    expect(out2).toMatchObject({ status: 'recorded', review: { saved: false, stored: null } });
    expect(await s.getCard(ann, 'q9')).toBeNull();
  });
}

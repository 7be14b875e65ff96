import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackpropCore } from '../../src/bootstrap.js';
import type { Core } from '../../src/core/core.js';
import type { Result } from '../../src/core/result.js';
import { RedisStore } from '../../src/store/redis-store.js';
import { aBank, aQuestion, aUser, FixedClock, seededRandom } from '../support/builders.js';
import { deletePrefix, uniquePrefix, withRedis } from '../support/redis.js';

const DAY = 86_400_000;
const unwrap = <T>(r: Result<T>): T => {
  if (!r.ok) throw new Error(r.code);
  return r.value;
};

/** Counts the commands a client sends to Redis: a click's round trips. */
function counted(url: string): { client: Redis; sent: () => number } {
  const client = new Redis(url);
  let count = 0;
  const send = client.sendCommand.bind(client);
  client.sendCommand = (...args: Parameters<typeof send>) => {
    count++;
    return send(...args);
  };
  return { client, sent: () => count };
}

/**
 * The click path against a real Redis (#15 item 7): scoring, streak, boards, the heat map and the
 * member's FSRS card in one script, so an answer to a post this process made is one round trip.
 */
describe('RedisStore: a click is one round trip', () => {
  withRedis((url) => {
    let admin: Redis;
    const prefix = uniquePrefix();
    const clock = new FixedClock(Date.parse('2026-12-01T09:00:00Z'));
    const bank = aBank([aQuestion({ id: 'q1', topic: 'cnn' }), aQuestion({ id: 'q2', topic: 'cnn' })]);
    const a = counted(url);
    const b = counted(url);
    let one: Core;
    let two: Core;
    let store: RedisStore;
    let ids = 0;
    beforeAll(() => {
      admin = new Redis(url);
      // Two processes on one Redis: each with its own delivery and card guesses.
      store = new RedisStore({ client: new Redis(url), prefix });
      one = createBackpropCore({ bank, store: new RedisStore({ client: a.client, prefix }), clock, random: { ...seededRandom(1), id: () => `one-${++ids}` } });
      two = createBackpropCore({ bank, store: new RedisStore({ client: b.client, prefix }), clock, random: { ...seededRandom(2), id: () => `two-${++ids}` } });
    });
    afterAll(async () => {
      await deletePrefix(admin, prefix);
      await Promise.all([admin.quit(), a.client.quit(), b.client.quit(), store.close()]);
    });

    const ann = aUser('ann');
    const post = async (core: Core, questionId: string) => unwrap(await core.quiz.start({ user: aUser('poster'), mode: 'choice', questionId, shared: true }));
    const right = (q: Awaited<ReturnType<typeof post>>) => q.options.indexOf(q.question.choices.correct);
    const click = async (core: Core, sent: () => number, q: Awaited<ReturnType<typeof post>>, pos: number) => {
      const before = sent();
      unwrap(await core.quiz.answerChoice(ann, q.delivery.id, pos));
      return sent() - before;
    };

    it('first answer, then a review of the card this process saved: one command each, card and tally kept', async () => {
      const first = await post(one, 'q1');
      expect(await click(one, a.sent, first, right(first))).toBe(1);
      expect(await store.getCard(ann, 'q1')).toMatchObject({ reps: 1, lastCorrect: true });
      clock.advance(3 * DAY);
      const again = await post(one, 'q1');
      expect(await click(one, a.sent, again, (right(again) + 1) % 4)).toBe(1);
      expect(await store.getCard(ann, 'q1')).toMatchObject({ reps: 2, lapses: 1, lastCorrect: false });
      expect(await store.reviewTally(ann)).toEqual({ reviews: 1, recalled: 0 });
    });

    it("a card another process changed costs one more command, and no review is lost", async () => {
      // The second process never saw ann's card: its guess ("no card") misses, the script says so
      // and hands back the stored card, and the review is saved against it.
      clock.advance(3 * DAY);
      const other = await post(two, 'q1');
      expect(await click(two, b.sent, other, right(other))).toBe(2);
      expect(await store.getCard(ann, 'q1')).toMatchObject({ reps: 3, lastCorrect: true });
      // The first process's guess (reps 2) is now stale the same way.
      clock.advance(3 * DAY);
      const back = await post(one, 'q1');
      expect(await click(one, a.sent, back, right(back))).toBe(2);
      expect(await store.getCard(ann, 'q1')).toMatchObject({ reps: 4 });
      expect(await store.reviewTally(ann)).toEqual({ reviews: 3, recalled: 2 });
      // The answers themselves all counted.
      expect((await store.getStats(ann)).answered).toBe(4);
    });

    it('a hint taken through another process is read in the same step and rates the card hard', async () => {
      const q = await post(one, 'q2');
      unwrap(await two.quiz.hint(ann, q.delivery.id));
      expect(await click(one, a.sent, q, right(q))).toBe(1);
      const hinted = await store.getCard(ann, 'q2');
      // The same right answer without the hint, by another member: rated good, due later.
      const ben = aUser('ben');
      unwrap(await one.quiz.answerChoice(ben, q.delivery.id, right(q)));
      const plain = await store.getCard(ben, 'q2');
      expect(hinted!.reps).toBe(1);
      expect(hinted!.due).toBeLessThan(plain!.due);
    });
  });
});

import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createBackpropCore } from '../../src/bootstrap.js';
import type { Core } from '../../src/core/core.js';
import type { Result } from '../../src/core/result.js';
import { RedisStore } from '../../src/store/redis-store.js';
import { FOLD_AT } from '../../src/store/redis-pending.js';
import { communityKeys } from '../../src/store/keys.js';
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
 * The click path against a real Redis (#15 item 7): scoring, streak and boards in one script, with
 * the stats totals, the heat map and the answer's review queued in it, so an answer to a post this
 * process made is one round trip; the queue is folded in before any of those is read.
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
      // Two processes on one Redis, each with its own delivery cache.
      store = new RedisStore({ client: new Redis(url), prefix });
      one = createBackpropCore({ bank, store: new RedisStore({ client: a.client, prefix }), clock, random: { ...seededRandom(1), id: () => `one-${++ids}` } });
      two = createBackpropCore({ bank, store: new RedisStore({ client: b.client, prefix }), clock, random: { ...seededRandom(2), id: () => `two-${++ids}` } });
    });
    afterAll(async () => {
      await deletePrefix(admin, prefix);
      await Promise.all([admin.quit(), a.client.quit(), b.client.quit(), store.close()]);
    });

    const ann = aUser('ann');
    const pendingKey = (u: typeof ann) => communityKeys(prefix, u.community).pendingAnswers(u.userId);
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

    it('a card another process changed costs nothing more, and no review is lost', async () => {
      // The review is queued in the click's step and folded before the cards are read, so neither
      // process needs to know the card: every click is one command, whichever process made it.
      clock.advance(3 * DAY);
      const other = await post(two, 'q1');
      expect(await click(two, b.sent, other, right(other))).toBe(1);
      expect(await store.getCard(ann, 'q1')).toMatchObject({ reps: 3, lastCorrect: true });
      clock.advance(3 * DAY);
      const back = await post(one, 'q1');
      expect(await click(one, a.sent, back, right(back))).toBe(1);
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

    it('queued reviews: two processes folding one member at once apply each review once', async () => {
      const cid = aUser('cid');
      const n = FOLD_AT - 1; // below the background fold, so both reads find the whole queue
      for (let i = 0; i < n; i++) {
        clock.advance(DAY);
        const q = await post(i % 2 ? one : two, 'q1');
        unwrap(await (i % 2 ? two : one).quiz.answerChoice(cid, q.delivery.id, right(q)));
      }
      expect(await admin.llen(pendingKey(cid))).toBe(n);
      const [x, y] = [new RedisStore({ client: new Redis(url), prefix }), new RedisStore({ client: new Redis(url), prefix })];
      try {
        const [cx, cy] = await Promise.all([x.getCard(cid, 'q1'), y.getCard(cid, 'q1')]);
        expect(cx).toMatchObject({ reps: n, lapses: 0 });
        expect(cy).toEqual(cx);
        expect(await store.reviewTally(cid)).toEqual({ reviews: n - 1, recalled: n - 1 });
        expect(await admin.exists(pendingKey(cid))).toBe(0);
        // The stats and the heat map, folded with the reviews, counted each answer once too.
        expect(await store.getStats(cid)).toMatchObject({ answered: n, correct: n, byTopic: { cnn: { answered: n, correct: n } } });
        const days = await store.getActivity(cid, 0, 99_999);
        expect([days.size, [...days.values()].reduce((x, y) => x + y, 0)]).toEqual([n, n]);
      } finally {
        await Promise.all([x.close(), y.close()]);
      }
    });

    it(`queued reviews: a click that leaves ${FOLD_AT} queued folds them off its answer, in batches however many`, async () => {
      const dee = aUser('dee');
      const pending = pendingKey(dee);
      const posts = await Promise.all(Array.from({ length: FOLD_AT }, () => post(one, 'q2')));
      for (const q of posts.slice(0, -1)) unwrap(await one.quiz.answerChoice(dee, q.delivery.id, right(q)));
      expect(await admin.llen(pending)).toBe(FOLD_AT - 1);
      const last = posts.at(-1)!;
      unwrap(await one.quiz.answerChoice(dee, last.delivery.id, right(last)));
      await vi.waitFor(async () => expect(await admin.llen(pending)).toBe(0));
      const stored = await admin.hget(communityKeys(prefix, dee.community).cards(dee.userId), 'q2');
      expect(JSON.parse(stored!)).toMatchObject({ reps: FOLD_AT });
      // Answers at once, so far more queue up than a fold takes in one batch before it runs.
      const eve = aUser('eve');
      const many = 450;
      const qs = await Promise.all(Array.from({ length: many }, (_, i) => post(one, i % 2 ? 'q1' : 'q2')));
      const pick = (i: number) => (i % 3 === 2 ? (right(qs[i]!) + 1) % 4 : right(qs[i]!));
      for (const i of [0, 1]) unwrap(await one.quiz.answerChoice(eve, qs[i]!.delivery.id, pick(i))); // each card's first: right
      await Promise.all(qs.slice(2).map(async (q, j) => unwrap(await one.quiz.answerChoice(eve, q.delivery.id, pick(j + 2)))));
      const cards = [await store.getCard(eve, 'q1'), await store.getCard(eve, 'q2')];
      expect(cards.map((c) => c?.reps)).toEqual([many / 2, many / 2]);
      expect(await admin.exists(pendingKey(eve))).toBe(0);
      const rightOnes = qs.filter((_, i) => i % 3 !== 2).length;
      expect(await store.reviewTally(eve)).toEqual({ reviews: many - 2, recalled: rightOnes - 2 });
      expect((await store.getStats(eve)).answered).toBe(many);
    });

    it('queued reviews: an entry that cannot be read is dropped, and the ones around it still fold', async () => {
      const fay = aUser('fay');
      const q = await post(one, 'q1');
      await admin.rpush(pendingKey(fay), '0{not json', '1{"questionId":7}');
      unwrap(await one.quiz.answerChoice(fay, q.delivery.id, right(q)));
      expect(await admin.llen(pendingKey(fay))).toBe(3);
      expect(await store.getCard(fay, 'q1')).toMatchObject({ reps: 1, lastDeliveryId: q.delivery.id });
      expect(await admin.exists(pendingKey(fay))).toBe(0);
    });

    it('queued answers: entries queued before stats were (a review only, the stats counted by the click) still fold, and count once', async () => {
      const ida = aUser('ida');
      const q = await post(one, 'q2');
      // As the click queued a review before stats moved to the fold (and as a process still running
      // that script does during a rolling deploy): the hint mark, then the review, in its own queue.
      const old = { questionId: 'q1', topic: 'cnn', source: 'choice', correct: true, at: clock.now() - DAY, deliveryId: 'old-1' };
      const reviewsKey = communityKeys(prefix, ida.community).pendingReviews(ida.userId);
      await admin.rpush(reviewsKey, `0${JSON.stringify(old)}`);
      unwrap(await one.quiz.answerChoice(ida, q.delivery.id, right(q)));
      expect(await store.getCard(ida, 'q1')).toMatchObject({ reps: 1, lastDeliveryId: 'old-1' });
      expect(await store.getCard(ida, 'q2')).toMatchObject({ reps: 1, lastDeliveryId: q.delivery.id });
      expect(await store.getStats(ida)).toMatchObject({ answered: 1, correct: 1, byTopic: { cnn: { answered: 1, correct: 1 } } });
      expect(await store.reviewTally(ida)).toEqual({ reviews: 0, recalled: 0 });
      expect([await admin.exists(reviewsKey), await admin.exists(pendingKey(ida))]).toEqual([0, 0]);
    });

    it('queued reviews: a read made while a fold is under way still sees an answer queued since', async () => {
      const gus = aUser('gus');
      // A process whose fold can be held between reading the queue and reading the cards.
      const client = new Redis(url);
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      const hmget = client.hmget.bind(client) as (...a: unknown[]) => Promise<unknown>;
      (client as unknown as { hmget: (...a: unknown[]) => Promise<unknown> }).hmget = async (...a) => (await held, hmget(...a));
      const reader = new RedisStore({ client, prefix });
      try {
        const [q1, q2] = [await post(one, 'q1'), await post(one, 'q1')];
        unwrap(await one.quiz.answerChoice(gus, q1.delivery.id, right(q1)));
        const first = reader.getCard(gus, 'q1');
        await vi.waitFor(async () => expect(await admin.llen(pendingKey(gus))).toBe(1));
        await new Promise((r) => setTimeout(r, 20)); // its queue read is answered: the fold now waits on the cards
        unwrap(await two.quiz.answerChoice(gus, q2.delivery.id, right(q2)));
        const second = reader.getCard(gus, 'q1');
        release();
        expect(await first).toMatchObject({ reps: 1 });
        expect(await second).toMatchObject({ reps: 2, lastDeliveryId: q2.delivery.id });
      } finally {
        release();
        await reader.close();
      }
    });

    it('queued reviews: reads made together share one fold, and closing the store finishes a background fold', async () => {
      const hal = aUser('hal');
      const client = new Redis(url);
      let queueReads = 0;
      const folds: (string | number | Buffer)[][] = [];
      const send = client.sendCommand.bind(client);
      client.sendCommand = (...args: Parameters<typeof send>) => {
        if (args[0].name === 'lrange') queueReads++;
        if (args[0].name === 'evalsha' && String(args[0].args[1]) === '6') folds.push(args[0].args as (string | number | Buffer)[]); // fold-answers-6
        return send(...args);
      };
      const closing = new RedisStore({ client, prefix });
      const own = createBackpropCore({ bank, store: closing, clock, random: seededRandom(4) });
      const posts = await Promise.all(Array.from({ length: FOLD_AT + 2 }, () => post(one, 'q1')));
      for (const q of posts.slice(0, 2)) unwrap(await own.quiz.answerChoice(hal, q.delivery.id, right(q)));
      const [card, due, tally] = await Promise.all([closing.getCard(hal, 'q1'), closing.countDue(hal, Number.MAX_SAFE_INTEGER), closing.reviewTally(hal)]);
      expect(queueReads).toBe(2); // one fold: its two queues (this one, and reviews queued the older way) in one pipeline
      expect([card?.reps, due, tally.reviews]).toEqual([2, 1, 1]);
      // The batch is added up: one increment per stats field for both answers (sha, 6, six keys,
      // first entry, count, reviews, recalled, then S and D, then S field/increment pairs).
      expect(folds).toHaveLength(1);
      const fold = folds[0]!.map(String);
      const statsPairs = Number(fold[12]);
      const increments = Object.fromEntries(Array.from({ length: statsPairs }, (_, i): [string, string] => [fold[16 + 2 * i]!, fold[17 + 2 * i]!]));
      expect(increments).toMatchObject({ answered: '2', 'a:cnn': '2', correct: '2', 'c:cnn': '2' });
      expect(statsPairs).toBe(Object.keys(increments).length);
      // The answer that leaves FOLD_AT queued starts a fold; close() returns only once it is done.
      for (const q of posts.slice(2)) unwrap(await own.quiz.answerChoice(hal, q.delivery.id, right(q)));
      await closing.close();
      expect(await admin.exists(pendingKey(hal))).toBe(0);
      expect(await store.getCard(hal, 'q1')).toMatchObject({ reps: FOLD_AT + 2 });
    });
  });
});

import calculateSlot from 'cluster-key-slot';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisStore } from '../../src/store/redis-store.js';
import { communityKeys, reminderIndexKey, type CommunityKeys } from '../../src/store/keys.js';
import type { AnswerInput, AnswerOutcome } from '../../src/core/answer-rules.js';
import type { Community } from '../../src/core/identity.js';
import { aCommunity, aUser } from '../support/builders.js';
import { deletePrefix, uniquePrefix, withRedis } from '../support/redis.js';
import { storeContract } from './store-contract.js';

describe('RedisStore', () => {
  withRedis((url) => {
    let admin: Redis;
    beforeAll(() => {
      admin = new Redis(url);
    });
    afterAll(async () => admin.quit());

    /**
     * A test on a store of its own (its own prefix, deleted after) and community `id`; `answer(user,
     * over)` records a right answer worth 10 to delivery d1 at the test's start unless `over` says
     * otherwise.
     */
    const ownStore = (id: string, test: (t: { store: RedisStore; c: Community; k: CommunityKeys; now: number; answer: (user: string, over?: Partial<AnswerInput>) => Promise<AnswerOutcome> }) => Promise<void>) => async () => {
      const prefix = uniquePrefix();
      const store = new RedisStore({ client: new Redis(url), prefix });
      const c = aCommunity(id);
      const now = Date.now();
      const answer = (user: string, over: Partial<AnswerInput> = {}) => store.recordAnswer({
        user: aUser(user, c), deliveryId: 'd1', questionId: 'q1', topic: 'cnn', correct: true, basePoints: 10, day: 1, week: '2026-W48', month: '2026-11',
        weekExpiresAt: now + 3_600_000, monthExpiresAt: now + 7_200_000, scoreWindowMs: 1000, now, deliveryTtlMs: 60_000, ...over,
      });
      try {
        await test({ store, c, k: communityKeys(prefix, c), now, answer });
      } finally {
        await deletePrefix(admin, prefix);
        await store.close();
      }
    };

    storeContract('RedisStore', async () => {
      const prefix = uniquePrefix();
      const store = new RedisStore({ client: new Redis(url), prefix });
      return {
        store,
        cleanup: async () => {
          await deletePrefix(admin, prefix);
          await store.close();
        },
      };
    });

    it("expires a delivery's answer keys with the delivery, keeps outcomes in the results rows, and repeats outcomes stored the two earlier ways", ownStore('outcomes', async ({ store, c, k, now, answer: record }) => {
      const answer = (user: string, deliveryId: string, submission: string, ttl = 60_000) => record(user, { deliveryId, questionId: `q-${user}`, submission, deliveryTtlMs: ttl });
      expect(await answer('a', 'd1', 'choice:1')).toMatchObject({ status: 'recorded' });
      expect(await answer('b', 'd1', 'choice:2', 30_000)).toMatchObject({ status: 'recorded' });
      for (const key of [k.answered('d1'), k.results('d1')]) {
        const ttl = await admin.pttl(key);
        expect(ttl, key).toBeGreaterThan(55_000);
        expect(ttl, key).toBeLessThanOrEqual(60_000);
      }
      // Each member's row keeps the submission and the outcome (readers of the first three fields
      // read it as before): there is no outcomes hash.
      expect(await admin.lrange(k.results('d1'), 0, -1)).toEqual([`a|1|${now}|choice:1\n10|0|1|1|1|1`, `b|1|${now}|choice:2\n10|0|1|1|1|1`]);
      expect(await admin.exists(k.outcomes('d1'))).toBe(0);
      expect(await store.getResults(c, 'd1')).toEqual([{ userId: 'a', correct: true, at: now }, { userId: 'b', correct: true, at: now }]);
      expect(await answer('b', 'd1', 'choice:2')).toEqual({ status: 'recorded', points: 10, hintUsed: false, scored: true, streak: { current: 1, best: 1, lastDay: 1 } });
      expect(await answer('b', 'd1', 'choice:1')).toEqual({ status: 'duplicate' });
      // A delivery answered by the script before: "submission\noutcome" in the outcomes hash.
      await admin.sadd(k.answered('d9'), 'was');
      await admin.rpush(k.results('d9'), `was|1|${now}`);
      await admin.hset(k.outcomes('d9'), 'was', 'choice:0\n20|1|0|2|3|19001');
      expect(await answer('was', 'd9', 'choice:0')).toEqual({ status: 'recorded', points: 20, hintUsed: true, scored: false, streak: { current: 2, best: 3, lastDay: 19001 } });
      expect(await answer('was', 'd9', 'choice:1')).toEqual({ status: 'duplicate' });
      // And by the one before that: the submission in "user", the outcome in "user#".
      await admin.sadd(k.answered('d0'), 'old');
      await admin.hset(k.outcomes('d0'), 'old', 'choice:3', 'old#', '10|0|1|4|6|19000');
      expect(await answer('old', 'd0', 'choice:3')).toEqual({ status: 'recorded', points: 10, hintUsed: false, scored: true, streak: { current: 4, best: 6, lastDay: 19000 } });
      expect(await answer('old', 'd0', 'choice:2')).toEqual({ status: 'duplicate' });
    }));

    it("a repeated submission gets its outcome from the delivery's last 500 answers; one further back is a duplicate", ownStore('repeat-depth', async ({ store, c, answer: record }) => {
      const answer = (user: string) => record(user, { submission: 'choice:1' });
      expect(await answer('early')).toMatchObject({ status: 'recorded', points: 10 });
      const late = await answer('late');
      for (let i = 0; i < 499; i++) await answer(`m${i}`);
      // "late" is the 500th row from the end, "early" the 501st.
      expect(await answer('late')).toEqual(late);
      expect(await answer('early')).toEqual({ status: 'duplicate' });
      expect((await store.getResults(c, 'd1')).length).toBe(500 + 1);
    }));

    it("credits the team of a member whose hash has no copy of it yet, and puts a stale copy right on their next day's first answer", ownStore('team-copy', async ({ k, answer: record }) => {
      const answer = (deliveryId: string, day = 1) => record('old', { deliveryId, questionId: deliveryId, day });
      // As an earlier version left a member: in a team, with a streak but no copies.
      await admin.hset(k.teamOf(), 'old', 'owls');
      await admin.hset(k.streak('old'), 'last', '0', 'current', '1', 'best', '1');
      await answer('d1');
      expect(await admin.zscore(k.board({ scope: 'teams', key: 'all' }), 'owls')).toBe('10');
      expect(await admin.hget(k.streak('old'), 'team')).toBe('owls');
      await answer('d2');
      expect(await admin.zscore(k.board({ scope: 'teams', key: '2026-W48' }), 'owls')).toBe('20');
      // A copy left behind (a join through a process running the older scripts during a rolling
      // deploy) is checked again on the member's first answer of the next day.
      await admin.hset(k.teamOf(), 'old', 'cats');
      await answer('d3');
      expect(await admin.zscore(k.board({ scope: 'teams', key: 'all' }), 'cats')).toBeNull();
      await answer('d4', 2);
      expect(await admin.zscore(k.board({ scope: 'teams', key: 'all' }), 'cats')).toBe('10');
      expect(await admin.hget(k.streak('old'), 'team')).toBe('cats');
    }));

    it('queues every answer as an entry of its own, review or not (the fold tells entries apart by their text)', ownStore('unique-entries', async ({ store, c, k, answer }) => {
      await answer('a', { deliveryId: 'd1', questionId: 'q1' });
      await answer('a', { deliveryId: 'd2', questionId: 'q2' });
      const entries = await admin.lrange(k.pendingAnswers('a'), 0, -1);
      expect(entries).toHaveLength(2);
      expect(new Set(entries).size).toBe(2);
      expect(await store.getStats(aUser('a', c))).toMatchObject({ answered: 2, correct: 2, points: 20 });
      expect(await admin.exists(k.pendingAnswers('a'))).toBe(0);
    }));

    it('a period board made by an answer without points still gets its expiry, and a zero for a member already on it changes nothing', ownStore('zero-board', async ({ k, answer }) => {
      const wrong = (userId: string, deliveryId: string, correct = false) => answer(userId, { deliveryId, questionId: deliveryId, correct, basePoints: correct ? 10 : 0 });
      expect(await wrong('a', 'd1')).toMatchObject({ status: 'recorded', points: 0 });
      const week = k.board({ scope: 'users', key: '2026-W48' });
      expect(await admin.pttl(week)).toBeGreaterThan(3_500_000);
      expect(await admin.pttl(k.board({ scope: 'users', key: '2026-11' }))).toBeGreaterThan(7_000_000);
      expect(await admin.zscore(week, 'a')).toBe('0');
      // Points, then a zero: the score stays; and a newcomer with no points still appears.
      await wrong('a', 'd2', true);
      await wrong('a', 'd3');
      await wrong('b', 'd3');
      expect(await admin.zrange(week, 0, -1, 'WITHSCORES')).toEqual(['b', '0', 'a', '10']);
      expect(await admin.pttl(week)).toBeGreaterThan(3_500_000);
    }));

    it('puts every key of a community (sessions too) in one cluster slot and expires period boards and sessions', async () => {
      const prefix = uniquePrefix();
      const store = new RedisStore({ client: new Redis(url), prefix });
      const c = aCommunity('slot-test');
      const other = aCommunity('T0OTHER', 'slack');
      const now = Date.now();
      for (const community of [c, other]) {
        await store.joinTeam(aUser('a', community), 'owls', 'Owls');
        await store.setSession(community, 'modal:v1', '{}', 60_000);
        await store.recordAnswer({
          user: aUser('a', community), deliveryId: 'd1', questionId: 'q1', topic: 'cnn', correct: true, basePoints: 10, day: 1,
          week: '2026-W48', month: '2026-11', weekExpiresAt: now + 3_600_000, monthExpiresAt: now + 7_200_000,
          scoreWindowMs: 1000, now, deliveryTtlMs: 60_000,
        });
      }
      // Slots as Redis Cluster computes them (CRC16 of the {hash tag}), whatever server runs the test.
      const slotsOf = async (tag: string) => {
        const keys = await admin.keys(`${prefix}{${tag}}:*`);
        expect(keys.length, tag).toBeGreaterThan(8);
        return new Set(keys.map((key) => calculateSlot(key)));
      };
      expect(await slotsOf('discord:slot-test')).toEqual(new Set([calculateSlot('{discord:slot-test}')]));
      expect(await slotsOf('slack:T0OTHER')).toEqual(new Set([calculateSlot('{slack:T0OTHER}')]));
      const keys = await admin.keys(`${prefix}*`);
      expect(keys.every((k) => k.startsWith(`${prefix}{discord:slot-test}:`) || k.startsWith(`${prefix}{slack:T0OTHER}:`))).toBe(true);
      const k = communityKeys(prefix, c);
      const weekTtl = await admin.pttl(k.board({ scope: 'users', key: '2026-W48' }));
      expect(weekTtl).toBeGreaterThan(3_500_000);
      expect(weekTtl).toBeLessThanOrEqual(3_600_000);
      expect(await admin.pttl(k.board({ scope: 'teams', key: '2026-11' }))).toBeGreaterThan(7_000_000);
      expect(await admin.pttl(k.board({ scope: 'users', key: 'all' }))).toBe(-1);
      expect(await admin.pttl(k.scored('a', 'q1'))).toBeLessThanOrEqual(1000);
      const sessionTtl = await admin.pttl(k.session('modal:v1'));
      expect(sessionTtl).toBeGreaterThan(59_000);
      expect(sessionTtl).toBeLessThanOrEqual(60_000);
      await deletePrefix(admin, prefix);
      await store.close();
    });

    it('keeps a reminder in its community’s slot and repairs the one index from the reminders themselves', async () => {
      const prefix = uniquePrefix();
      const store = new RedisStore({ client: new Redis(url), prefix });
      const c = aCommunity('remind-slot');
      const base = 1_800_000_000_000;
      const reminder = (userId: string, nextAt: number) => ({ userId, time: '08:00', timeZone: 'UTC', nextAt, createdAt: base });
      try {
        await store.saveReminder(c, reminder('ann', base));
        await store.saveReminder(c, reminder('bob', base));
        const k = communityKeys(prefix, c);
        expect(calculateSlot(k.reminder('ann'))).toBe(calculateSlot('{discord:remind-slot}'));
        // A process that died between the two writes: the hash gone but its index entry left, or
        // the hash moved on but the index not. A tick drops the first and re-scores the second.
        await admin.del(k.reminder('ann'));
        await admin.hset(k.reminder('bob'), 'nextAt', String(base + 5000));
        expect(await store.dueReminders(base + 10, 10)).toEqual([]);
        expect(await admin.zrange(reminderIndexKey(prefix), 0, -1, 'WITHSCORES')).toEqual(['discord:remind-slot|bob', String(base + 5000)]);
        expect((await store.dueReminders(base + 5000, 10)).map((d) => d.reminder)).toEqual([reminder('bob', base + 5000)]);
      } finally {
        await deletePrefix(admin, prefix);
        await store.close();
      }
    });
  });
});

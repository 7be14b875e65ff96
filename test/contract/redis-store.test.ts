import calculateSlot from 'cluster-key-slot';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisStore } from '../../src/store/redis-store.js';
import { communityKeys, reminderIndexKey } from '../../src/store/keys.js';
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

    it("expires a delivery's answer keys with the delivery, and repeats an outcome stored before one field held it", async () => {
      const prefix = uniquePrefix();
      const store = new RedisStore({ client: new Redis(url), prefix });
      const c = aCommunity('outcomes');
      const k = communityKeys(prefix, c);
      const now = Date.now();
      const answer = (user: string, deliveryId: string, submission: string, ttl = 60_000) => store.recordAnswer({
        user: aUser(user, c), deliveryId, questionId: `q-${user}`, topic: 'cnn', correct: true, basePoints: 10, day: 1, week: '2026-W48', month: '2026-11',
        weekExpiresAt: now + 3_600_000, monthExpiresAt: now + 7_200_000, scoreWindowMs: 1000, now, deliveryTtlMs: ttl, submission,
      });
      try {
        expect(await answer('a', 'd1', 'choice:1')).toMatchObject({ status: 'recorded' });
        expect(await answer('b', 'd1', 'choice:2', 30_000)).toMatchObject({ status: 'recorded' });
        for (const key of [k.answered('d1'), k.results('d1'), k.outcomes('d1')]) {
          const ttl = await admin.pttl(key);
          expect(ttl, key).toBeGreaterThan(55_000);
          expect(ttl, key).toBeLessThanOrEqual(60_000);
        }
        expect(await admin.hlen(k.outcomes('d1'))).toBe(2);
        // A delivery answered by the previous script: the submission in "user", the outcome in "user#".
        await admin.sadd(k.answered('d0'), 'old');
        await admin.hset(k.outcomes('d0'), 'old', 'choice:3', 'old#', '10|0|1|4|6|19000');
        expect(await answer('old', 'd0', 'choice:3')).toEqual({ status: 'recorded', points: 10, hintUsed: false, scored: true, streak: { current: 4, best: 6, lastDay: 19000 } });
        expect(await answer('old', 'd0', 'choice:2')).toEqual({ status: 'duplicate' });
      } finally {
        await deletePrefix(admin, prefix);
        await store.close();
      }
    });

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

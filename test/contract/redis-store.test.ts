import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisStore } from '../../src/store/redis-store.js';
import { communityKeys } from '../../src/store/keys.js';
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

    it('puts every key of a community in one cluster slot and expires period boards', async () => {
      const prefix = uniquePrefix();
      const store = new RedisStore({ client: new Redis(url), prefix });
      const c = aCommunity('slot-test');
      const now = Date.now();
      await store.joinTeam(aUser('a', c), 'owls', 'Owls');
      await store.recordAnswer({
        user: aUser('a', c), deliveryId: 'd1', questionId: 'q1', topic: 'cnn', correct: true, basePoints: 10, day: 1,
        week: '2026-W48', month: '2026-11', weekExpiresAt: now + 3_600_000, monthExpiresAt: now + 7_200_000,
        scoreWindowMs: 1000, now, deliveryTtlMs: 60_000,
      });
      const keys = await admin.keys(`${prefix}*`);
      expect(keys.length).toBeGreaterThan(8);
      const slots = new Set(await Promise.all(keys.map((k) => admin.call('CLUSTER', 'KEYSLOT', k).catch(() => null))));
      // CLUSTER KEYSLOT works on standalone servers too; every key maps to the same slot.
      if (!slots.has(null)) expect(slots.size).toBe(1);
      expect(keys.every((k) => k.startsWith(`${prefix}{discord:slot-test}:`))).toBe(true);
      const k = communityKeys(prefix, c);
      const weekTtl = await admin.pttl(k.board({ scope: 'users', key: '2026-W48' }));
      expect(weekTtl).toBeGreaterThan(3_500_000);
      expect(weekTtl).toBeLessThanOrEqual(3_600_000);
      expect(await admin.pttl(k.board({ scope: 'teams', key: '2026-11' }))).toBeGreaterThan(7_000_000);
      expect(await admin.pttl(k.board({ scope: 'users', key: 'all' }))).toBe(-1);
      expect(await admin.pttl(k.scored('a', 'q1'))).toBeLessThanOrEqual(1000);
      await deletePrefix(admin, prefix);
      await store.close();
    });
  });
});

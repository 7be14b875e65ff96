import calculateSlot from 'cluster-key-slot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cluster } from 'ioredis';
import { createRedisCluster, RedisStore } from '../../src/store/redis-store.js';
import { aCommunity, aUser } from '../support/builders.js';
import { deleteClusterPrefix, uniquePrefix, withRedisCluster } from '../support/redis.js';
import { storeContract } from './store-contract.js';

/** The whole store contract on a real three-master Redis Cluster (test/support/redis-cluster-server.ts). */
describe('RedisStore on Redis Cluster', () => {
  withRedisCluster((nodes) => {
    let admin: Cluster;
    beforeAll(() => {
      admin = createRedisCluster(nodes);
    });
    afterAll(async () => admin.quit());

    it('runs on three masters that split the slots', async () => {
      const masters = (await admin.cluster('SHARDS')) as unknown[];
      expect(masters).toHaveLength(3);
      expect(await admin.cluster('INFO')).toContain('cluster_state:ok');
    });

    storeContract('RedisStore (cluster)', async () => {
      const prefix = uniquePrefix();
      const store = new RedisStore({ client: createRedisCluster(nodes), prefix });
      return {
        store,
        cleanup: async () => {
          await deleteClusterPrefix(admin, prefix);
          await store.close();
        },
      };
    });

    it('spreads communities over the masters, each community on one slot, its scripts running there', async () => {
      const prefix = uniquePrefix();
      const store = new RedisStore({ client: createRedisCluster(nodes), prefix });
      const now = Date.now();
      const communities = Array.from({ length: 12 }, (_, i) => aCommunity(`spread-${i}`));
      for (const c of communities) {
        await store.joinTeam(aUser('a', c), 'owls', 'Owls');
        await store.recordAnswer({
          user: aUser('a', c), deliveryId: 'd1', questionId: 'q1', topic: 'cnn', correct: true, basePoints: 10, day: 1,
          week: '2026-W48', month: '2026-11', weekExpiresAt: now + 3_600_000, monthExpiresAt: now + 7_200_000,
          scoreWindowMs: 1000, now, deliveryTtlMs: 60_000,
        });
        expect((await store.getStats(aUser('a', c))).points).toBe(10);
      }
      const perMaster = await Promise.all(admin.nodes('master').map(async (n) => (await n.keys(`${prefix}*`)).length));
      expect(perMaster.filter((n) => n > 0).length).toBeGreaterThan(1);
      for (const master of admin.nodes('master')) {
        const keys = await master.keys(`${prefix}*`);
        const slots = new Set(keys.map((k) => calculateSlot(k)));
        const tags = new Set(keys.map((k) => /\{([^}]+)\}/.exec(k)?.[1]));
        expect(slots.size).toBe(tags.size);
      }
      await deleteClusterPrefix(admin, prefix);
      await store.close();
    });
  });
});

import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnswerInput, AnswerOutcome } from '../../src/core/answer-rules.js';
import { createRedisClient, RedisStore } from '../../src/store/redis-store.js';
import { aCommunity, aUser } from '../support/builders.js';
import { deletePrefix, uniquePrefix, withRedis } from '../support/redis.js';

const DAY = 86_400_000;

describe('RedisStore when its connection drops between a script and its reply', () => {
  withRedis((url) => {
    let admin: Redis;
    beforeAll(() => {
      admin = new Redis(url);
    });
    afterAll(async () => admin.quit());

    it('answers every first submission with its result, never "already answered" (CLIENT KILL during a burst)', async () => {
      const prefix = uniquePrefix();
      const client = createRedisClient(url);
      client.on('error', () => {}); // the resets this test causes
      const store = new RedisStore({ client, prefix });
      await store.ping();
      const community = aCommunity('g-kill');
      const now = Date.now();
      const input = (i: number): AnswerInput => ({
        user: aUser(`u${i}`, community), deliveryId: `d${i % 30}`, questionId: `q${i % 30}`, topic: 'cnn', correct: true, basePoints: 10,
        day: 20_000, week: '2026-W48', month: '2026-11', weekExpiresAt: now + 10 * DAY, monthExpiresAt: now + 40 * DAY,
        scoreWindowMs: 30 * DAY, now, deliveryTtlMs: DAY, submission: 'choice:1',
      });
      // A member whose request failed tries again with the same click, as members do.
      const answer = async (i: number): Promise<AnswerOutcome> => {
        for (let attempt = 0; ; attempt++) {
          try {
            return await store.recordAnswer(input(i));
          } catch (err) {
            if (attempt >= 30) throw err;
          }
        }
      };
      // Kill the store's connection by its address (the client's own queue is busy with the burst).
      const socket = () => (client as unknown as { stream?: { localAddress?: string; localPort?: number } }).stream;
      let killing = true;
      let kills = 0;
      const killer = (async () => {
        while (killing) {
          const s = socket();
          if (s?.localPort) kills += Number(await admin.client('KILL', 'ADDR', `${s.localAddress}:${s.localPort}`, 'SKIPME', 'yes').catch(() => 0));
          await new Promise((r) => setTimeout(r, 5));
        }
      })();
      const outcomes = await Promise.all(Array.from({ length: 300 }, (_, i) => answer(i)));
      killing = false;
      await killer;
      expect(kills).toBeGreaterThan(0);
      expect(outcomes.filter((o) => o.status !== 'recorded')).toEqual([]);
      expect(outcomes.every((o) => o.status === 'recorded' && o.points === 10)).toBe(true);
      // Counted exactly once each, whatever was re-sent.
      for (const i of [0, 17, 299]) expect(await store.getStats(aUser(`u${i}`, community))).toMatchObject({ answered: 1, points: 10 });
      let results = 0;
      for (let d = 0; d < 30; d++) results += (await store.getResults(community, `d${d}`)).length;
      expect(results).toBe(300);
      await deletePrefix(admin, prefix);
      await store.close();
    }, 30_000);
  });
});

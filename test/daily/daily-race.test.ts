import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { createBackpropCore } from '../../src/bootstrap.js';
import { RedisStore } from '../../src/store/redis-store.js';
import type { DailySchedule } from '../../src/core/store.js';
import { cryptoRandom } from '../../src/random.js';
import { aBank, aCommunity, aQuestion, FixedClock } from '../support/builders.js';
import { RecordingPoster } from '../support/recording-poster.js';
import { deletePrefix, uniquePrefix, withRedis } from '../support/redis.js';

const CHANNELS = 50;
const DAYS = 20;
const ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Australia/Sydney'];

describe('two scheduler processes racing on one Redis', () => {
  withRedis((url) => {
    it(`post and reveal each of ${CHANNELS * DAYS} channel-days exactly once`, async () => {
      const prefix = uniquePrefix();
      const clock = new FixedClock(Date.parse('2026-03-19T00:00:00Z'));
      const bank = aBank(Array.from({ length: 10 }, (_, i) => aQuestion({ id: `rq${i}`, prompt: `Race prompt ${i}?` })));
      const community = aCommunity('race');
      // Two processes: each its own Redis connection and its own core, sharing only Redis.
      const processes = [0, 1].map(() => {
        const store = new RedisStore({ client: new Redis(url), prefix });
        return { store, core: createBackpropCore({ bank, store, clock, random: cryptoRandom }) };
      });
      const poster = new RecordingPoster();
      const posters = new Map([['discord' as const, poster]]);
      const admin = new Redis(url);
      try {
        for (let c = 0; c < CHANNELS; c++) {
          const schedule: DailySchedule = {
            channelId: `ch${c}`, time: c % 2 ? '09:00' : '02:30', timeZone: ZONES[c % ZONES.length]!, weekdays: [1, 2, 3, 4, 5, 6, 7],
            mode: 'choice', revealAfterMinutes: 480, createdBy: 'a', createdAt: 0,
          };
          await processes[0]!.store.saveSchedule(community, schedule);
        }
        // Tick both processes at once every hour across the period.
        const end = clock.now() + (DAYS + 1) * 86_400_000;
        while (clock.now() < end) {
          await Promise.all(processes.map((p) => p.core.daily.runDue(posters)));
          clock.advance(60 * 60_000);
        }
        const lastTick = clock.now() - 60 * 60_000;
        const postsById = new Map(poster.posts.map((p) => [`${p.channelId}/${p.messageId}`, p]));
        expect(postsById.size).toBe(poster.posts.length);
        let slotCount = 0;
        for (let c = 0; c < CHANNELS; c++) {
          const keys = await admin.keys(`${prefix}{discord:race}:daily:ch${c}:slot:*`);
          expect(keys.length, `ch${c} days`).toBeGreaterThanOrEqual(DAYS);
          expect(poster.posts.filter((p) => p.channelId === `ch${c}`)).toHaveLength(keys.length);
          for (const key of keys) {
            const slot = await admin.hgetall(key);
            const post = postsById.get(`ch${c}/${slot['messageId']}`);
            expect(post, key).toBeDefined();
            const due = Number(slot['revealAt']) <= lastTick;
            expect(slot['state'], key).toBe(due ? 'revealed' : 'posted');
            expect(post!.updates, key).toHaveLength(due ? 1 : 0);
            slotCount++;
          }
        }
        expect(slotCount).toBe(poster.posts.length);
        expect(slotCount).toBeGreaterThanOrEqual(CHANNELS * DAYS);
      } finally {
        await deletePrefix(admin, prefix);
        await admin.quit();
        await Promise.all(processes.map((p) => p.store.close()));
      }
    });
  });
});

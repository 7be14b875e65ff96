import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { createBackpropCore } from '../../src/bootstrap.js';
import { RedisStore } from '../../src/store/redis-store.js';
import type { DailySchedule } from '../../src/core/daily/schedule.js';
import type { Store } from '../../src/core/store.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { DB_FILE } from '../../src/store/sqlite/files.js';
import { cryptoRandom } from '../../src/random.js';
import { aBank, aCommunity, aQuestion, FixedClock } from '../support/builders.js';
import { RecordingPoster } from '../support/recording-poster.js';
import { deletePrefix, uniquePrefix, withRedis } from '../support/redis.js';

const CHANNELS = 50;
const DAYS = 20;
/** SQLite fsyncs every claim (synchronous=FULL): a smaller run keeps the test quick on 2 cores. */
const SQLITE_RUN = { channels: 20, days: 10 };
const ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Australia/Sydney'];

type Slot = Record<string, string | number | null>;

/**
 * Two processes (each its own connection and core, sharing only the store) tick at once every hour
 * for `days` days; every channel-day must be posted once and revealed once.
 */
async function race(clock: FixedClock, stores: Store[], slotsOf: (channelId: string) => Promise<Slot[]>, size = { channels: CHANNELS, days: DAYS }): Promise<void> {
  const { channels, days } = size;
  const bank = aBank(Array.from({ length: 10 }, (_, i) => aQuestion({ id: `rq${i}`, prompt: `Race prompt ${i}?` })));
  const community = aCommunity('race');
  const processes = stores.map((store) => ({ store, core: createBackpropCore({ bank, store, clock, random: cryptoRandom }) }));
  const poster = new RecordingPoster();
  const posters = new Map([['discord' as const, poster]]);
  for (let c = 0; c < channels; c++) {
    const schedule: DailySchedule = {
      channelId: `ch${c}`, time: c % 2 ? '09:00' : '02:30', timeZone: ZONES[c % ZONES.length]!, weekdays: [1, 2, 3, 4, 5, 6, 7],
      mode: 'choice', revealAfterMinutes: 480, createdBy: 'a', createdAt: 0,
    };
    await processes[0]!.store.saveSchedule(community, schedule);
  }
  const end = clock.now() + (days + 1) * 86_400_000;
  while (clock.now() < end) {
    await Promise.all(processes.map((p) => p.core.daily.runDue(posters)));
    clock.advance(60 * 60_000);
  }
  const lastTick = clock.now() - 60 * 60_000;
  const postsById = new Map(poster.posts.map((p) => [`${p.channelId}/${p.messageId}`, p]));
  expect(postsById.size).toBe(poster.posts.length);
  let slotCount = 0;
  for (let c = 0; c < channels; c++) {
    const slots = await slotsOf(`ch${c}`);
    expect(slots.length, `ch${c} days`).toBeGreaterThanOrEqual(days);
    expect(poster.posts.filter((p) => p.channelId === `ch${c}`)).toHaveLength(slots.length);
    for (const slot of slots) {
      const post = postsById.get(`ch${c}/${slot['messageId']}`);
      expect(post, `ch${c}`).toBeDefined();
      const due = Number(slot['revealAt']) <= lastTick;
      expect(slot['state'], `ch${c}`).toBe(due ? 'revealed' : 'posted');
      expect(post!.updates, `ch${c}`).toHaveLength(due ? 1 : 0);
      slotCount++;
    }
  }
  expect(slotCount).toBe(poster.posts.length);
  expect(slotCount).toBeGreaterThanOrEqual(channels * days);
}

const start = () => new FixedClock(Date.parse('2026-03-19T00:00:00Z'));

describe('two scheduler processes racing on one store', () => {
  it(`post and reveal each of ${SQLITE_RUN.channels * SQLITE_RUN.days} channel-days exactly once on one SQLite file`, { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'backprop-race-'));
    const clock = start();
    const stores = [await SqliteStore.open({ clock, dataDir: dir }), await SqliteStore.open({ clock, dataDir: dir })];
    const db = new Database(join(dir, DB_FILE), { readonly: true });
    try {
      await race(clock, stores, async (channelId) =>
        (db.prepare('SELECT state, message_id AS messageId, reveal_at AS revealAt FROM slots WHERE channel_id = ?').all(channelId) as Slot[]),
        SQLITE_RUN,
      );
    } finally {
      db.close();
      await Promise.all(stores.map((s) => s.close()));
      rmSync(dir, { recursive: true, force: true });
    }
  });

  withRedis((url) => {
    // Like the SQLite run: a load test of its own (62-79 s on a shared 2-core box at load 10), not a timing.
    it(`post and reveal each of ${CHANNELS * DAYS} channel-days exactly once on one Redis`, { timeout: 120_000 }, async () => {
      const prefix = uniquePrefix();
      const admin = new Redis(url);
      const stores = [0, 1].map(() => new RedisStore({ client: new Redis(url), prefix }));
      try {
        await race(start(), stores, async (channelId) => {
          const keys = await admin.keys(`${prefix}{discord:race}:daily:${channelId}:slot:*`);
          return Promise.all(keys.map((k) => admin.hgetall(k)));
        });
      } finally {
        await deletePrefix(admin, prefix);
        await admin.quit();
        await Promise.all(stores.map((s) => s.close()));
      }
    });
  });
});

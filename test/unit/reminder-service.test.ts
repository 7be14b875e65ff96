import { Redis } from 'ioredis';
import { beforeEach, describe, expect, it } from 'vitest';
import { createBackpropCore } from '../../src/bootstrap.js';
import type { ChannelPoster } from '../../src/core/channel-poster.js';
import type { Core } from '../../src/core/core.js';
import type { Result } from '../../src/core/result.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { silentLogger } from '../../src/core/ports.js';
import { DailyScheduler } from '../../src/scheduler/daily-scheduler.js';
import { RedisStore } from '../../src/store/redis-store.js';
import { fixtureBank } from '../support/app.js';
import { aCommunity, aUser, FixedClock, seededRandom } from '../support/builders.js';
import { RecordingPoster } from '../support/recording-poster.js';
import { deletePrefix, uniquePrefix, withRedis } from '../support/redis.js';
import { ListReviewQueue } from '../support/review-queue.js';

const unwrap = <T>(r: Result<T>): T => {
  if (!r.ok) throw new Error(r.code);
  return r.value;
};
const posters = (p: RecordingPoster) => new Map<string, ChannelPoster>([[p.platform, p]]);

describe('ReminderService', () => {
  let core: Core;
  let clock: FixedClock;
  let queue: ListReviewQueue;
  let poster: RecordingPoster;
  let store: MemoryStore;
  const ann = aUser('ann');

  beforeEach(async () => {
    // 06:00 UTC = 07:00 in Berlin (CET).
    clock = new FixedClock(Date.parse('2026-12-01T06:00:00Z'));
    store = await MemoryStore.open({ clock });
    queue = new ListReviewQueue();
    poster = new RecordingPoster('discord');
    core = createBackpropCore({ bank: fixtureBank(), store, clock, random: seededRandom(3), dueCards: queue });
  });

  it('takes the time zone from the option, else the platform, else the community, else UTC; refuses bad input', async () => {
    expect(unwrap(await core.reminders.set({ user: ann, time: '7:30', timeZone: 'Asia/Kolkata', userZone: 'Europe/Berlin' }, poster)).reminder).toMatchObject({ time: '07:30', timeZone: 'Asia/Kolkata' });
    expect(unwrap(await core.reminders.set({ user: ann, time: '07:30', userZone: 'Europe/Berlin' }, poster)).reminder.timeZone).toBe('Europe/Berlin');
    expect(unwrap(await core.reminders.set({ user: ann, time: '07:30' }, poster)).reminder.timeZone).toBe('UTC');
    await store.updateSettings(ann.community, { timeZone: 'America/New_York' });
    const set = unwrap(await core.reminders.set({ user: ann, time: '07:30' }, poster));
    expect(set.reminder).toMatchObject({ timeZone: 'America/New_York', nextAt: Date.parse('2026-12-01T12:30:00Z') });
    expect(set.dueNow).toBe(0);
    expect(await core.reminders.set({ user: ann, time: '25:00' }, poster)).toMatchObject({ ok: false, code: 'INVALID_OPTION', params: { option: 'time' } });
    expect(await core.reminders.set({ user: ann, time: '07:30', timeZone: 'Mars/Base' }, poster)).toMatchObject({ ok: false, code: 'INVALID_OPTION', params: { option: 'timezone' } });
    const noDirect: ChannelPoster = { platform: 'tiny', invocation: (c) => c, checkChannel: async () => null, post: async () => ({ channelId: '', messageId: '' }), update: async () => {} };
    expect(await core.reminders.set({ user: aUser('bob'), time: '07:30' }, noDirect)).toMatchObject({ ok: false, code: 'REMINDERS_UNAVAILABLE' });
    expect(await core.reminders.status(aUser('bob'))).toMatchObject({ ok: false, code: 'NO_REMINDER' });
    // The refused attempts changed nothing.
    expect(unwrap(await core.reminders.status(ann)).reminder).toEqual(set.reminder);
  });

  it('sends one direct message at the local time on a day with reviews due, and none on a day without', async () => {
    unwrap(await core.reminders.set({ user: ann, time: '07:30', userZone: 'Europe/Berlin' }, poster));
    queue.add(ann, 'fx-backprop', Date.parse('2026-12-01T05:00:00Z'));
    queue.add(ann, 'fx-chain', Date.parse('2026-12-01T06:10:00Z'));
    expect(await core.reminders.runDue(posters(poster))).toEqual({ sent: 0, skipped: 0 });
    clock.set('2026-12-01T06:30:00Z');
    expect(await core.reminders.runDue(posters(poster))).toEqual({ sent: 1, skipped: 0 });
    expect(poster.directs).toHaveLength(1);
    expect(poster.directs[0]).toMatchObject({ community: ann.community, userId: 'ann' });
    expect(poster.directs[0]!.reply.text).toContain('**2 reviews** due');
    // The same minute again, and later that day: nothing more.
    expect(await core.reminders.runDue(posters(poster))).toEqual({ sent: 0, skipped: 0 });
    clock.set('2026-12-01T20:00:00Z');
    await core.reminders.runDue(posters(poster));
    expect(poster.directs).toHaveLength(1);
    expect(unwrap(await core.reminders.status(ann)).reminder.nextAt).toBe(Date.parse('2026-12-02T06:30:00Z'));

    // Next day: the member has reviewed everything (nothing due): no message, and the day is passed.
    const cleared = new ListReviewQueue();
    core = createBackpropCore({ bank: fixtureBank(), store, clock, random: seededRandom(4), dueCards: cleared });
    clock.set('2026-12-02T06:31:00Z');
    expect(await core.reminders.runDue(posters(poster))).toEqual({ sent: 0, skipped: 1 });
    expect(poster.directs).toHaveLength(1);
    expect(unwrap(await core.reminders.status(ann)).reminder.nextAt).toBe(Date.parse('2026-12-03T06:30:00Z'));
  });

  it('leaves a reminder due while the platform is down, retries after a dropped connection, and stops when turned off', async () => {
    unwrap(await core.reminders.set({ user: ann, time: '07:30', userZone: 'Europe/Berlin' }, poster));
    queue.add(ann, 'fx-backprop', 0);
    clock.set('2026-12-01T06:30:00Z');
    poster.connected = false;
    expect(await core.reminders.runDue(posters(poster))).toEqual({ sent: 0, skipped: 0 });
    poster.connected = true;
    poster.failNext = new Error('socket hang up');
    await core.reminders.runDue(posters(poster));
    expect(poster.directs).toHaveLength(0);
    clock.advance(60_000);
    expect(await core.reminders.runDue(posters(poster))).toEqual({ sent: 1, skipped: 0 });
    unwrap(await core.reminders.off(ann));
    expect(await core.reminders.off(ann)).toMatchObject({ ok: false, code: 'NO_REMINDER' });
    clock.set('2026-12-02T06:30:00Z');
    await core.reminders.runDue(posters(poster));
    expect(poster.directs).toHaveLength(1);
  });

  it('skips a reminder hours late (the bot was down at its time) instead of sending it at night', async () => {
    unwrap(await core.reminders.set({ user: ann, time: '07:30', userZone: 'Europe/Berlin' }, poster));
    queue.add(ann, 'fx-backprop', 0);
    clock.set('2026-12-01T22:00:00Z');
    expect(await core.reminders.runDue(posters(poster))).toEqual({ sent: 0, skipped: 1 });
    expect(poster.directs).toHaveLength(0);
  });

  it('the scheduler’s minute tick sends due reminders along with daily posts', async () => {
    unwrap(await core.reminders.set({ user: ann, time: '07:30', userZone: 'Europe/Berlin' }, poster));
    queue.add(ann, 'fx-backprop', 0);
    clock.set('2026-12-01T06:30:00Z');
    const scheduler = new DailyScheduler(core.daily, posters(poster), silentLogger, core.reminders);
    await scheduler.tick();
    await scheduler.tick();
    expect(poster.directs.map((d) => d.userId)).toEqual(['ann']);
  });

  withRedis((url) => {
    it('two processes on one Redis, ticking the same minute, send each reminder exactly once', async () => {
      const prefix = uniquePrefix();
      const shared = new ListReviewQueue();
      const at = new FixedClock(Date.parse('2026-12-01T06:00:00Z'));
      const members = Array.from({ length: 6 }, (_, i) => aUser(`m${i}`, aCommunity(i % 2 ? 'g-a' : 'g-b')));
      const processes = [1, 2].map((seed) => {
        const redisStore = new RedisStore({ client: new Redis(url), prefix });
        return { store: redisStore, poster: new RecordingPoster('discord'), core: createBackpropCore({ bank: fixtureBank(), store: redisStore, clock: at, random: seededRandom(seed * 1000), dueCards: shared }) };
      });
      try {
        for (const m of members) {
          unwrap(await processes[0]!.core.reminders.set({ user: m, time: '07:30', timeZone: 'Europe/Berlin' }, processes[0]!.poster));
          shared.add(m, 'fx-backprop', 0);
        }
        at.set('2026-12-01T06:30:00Z');
        for (let round = 0; round < 3; round++) {
          await Promise.all(processes.map((p) => p.core.reminders.runDue(posters(p.poster))));
        }
        const sent = processes.flatMap((p) => p.poster.directs.map((d) => d.userId));
        expect(sent.sort()).toEqual(members.map((m) => m.userId).sort());
        for (const m of members) expect(unwrap(await processes[1]!.core.reminders.status(m)).reminder.nextAt).toBe(Date.parse('2026-12-02T06:30:00Z'));
      } finally {
        const admin = new Redis(url);
        await deletePrefix(admin, prefix);
        await admin.quit();
        for (const p of processes) await p.store.close();
      }
    });
  });
});

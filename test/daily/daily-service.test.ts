import { describe, expect, it, vi } from 'vitest';
import { createBackpropCore } from '../../src/bootstrap.js';
import type { Core } from '../../src/core/core.js';
import type { Store } from '../../src/core/store.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { STALE_CLAIM_MS } from '../../src/core/daily/daily-service.js';
import { aBank, aCommunity, aQuestion, aUser, FixedClock, seededRandom } from '../support/builders.js';
import { RecordingPoster } from '../support/recording-poster.js';
import type { Result } from '../../src/core/result.js';
import { userErrorText } from '../../src/views/errors.js';

/** A result's user error as Discord or the console words it; '' for a success. */
const words = (r: Result<unknown>) => (r.ok ? '' : userErrorText(r, (c) => `/${c}`));

const community = aCommunity('daily-guild');
const MIN = 60_000;

async function setup(store?: Store, seed = 5, platform = new RecordingPoster()) {
  const clock = new FixedClock(Date.parse('2026-11-23T07:00:00Z')); // 08:00 in Berlin
  const s = store ?? (await MemoryStore.open({ clock }));
  const questions = Array.from({ length: 3 }, (_, i) => aQuestion({ id: `dq${i}`, prompt: `Daily prompt number ${i}?` }));
  const core = createBackpropCore({ bank: aBank(questions), store: s, clock, random: seededRandom(seed) });
  const poster = platform;
  return { clock, core, store: s, poster, posters: new Map([['discord' as const, poster]]) };
}

async function schedule(core: Core, poster: RecordingPoster, channelId = 'chan-1', extra: Record<string, unknown> = {}) {
  const r = await core.daily.setup({ community, channelId, adminId: 'admin', time: '09:00', timeZone: 'Europe/Berlin', ...extra }, poster);
  if (!r.ok) throw new Error(r.code);
  return r.value;
}

describe('daily questions', () => {
  it('claims nothing while its poster is disconnected, so a replica that can post takes the slot at once', async () => {
    const { clock, core, store, poster, posters } = await setup();
    await schedule(core, poster);
    clock.set('2026-11-23T08:00:30Z');
    poster.connected = false;
    expect(await core.daily.runDue(posters)).toEqual({ posted: 0, revealed: 0 });
    expect(await store.getSlot(community, 'chan-1', '2026-11-23')).toBeNull();
    poster.connected = true;
    expect(await core.daily.runDue(posters)).toEqual({ posted: 1, revealed: 0 });
  });

  it('gives its claim back at once when a post never reached the platform, and keeps it when the platform refused', async () => {
    const { clock, core, poster, posters } = await setup();
    await schedule(core, poster);
    clock.set('2026-11-23T08:00:30Z');
    poster.failNext = new Error('socket hang up');
    expect(await core.daily.runDue(posters)).toEqual({ posted: 0, revealed: 0 });
    // Released: the next tick (this or another replica) posts without waiting for the takeover delay.
    expect(await core.daily.runDue(posters)).toEqual({ posted: 1, revealed: 0 });

    const other = await setup();
    await schedule(other.core, other.poster);
    other.clock.set('2026-11-23T08:00:30Z');
    const refused = new Error('Missing Access');
    other.poster.platformAnswers.add(refused);
    other.poster.failNext = refused;
    expect(await other.core.daily.runDue(other.posters)).toEqual({ posted: 0, revealed: 0 });
    expect(await other.core.daily.runDue(other.posters)).toEqual({ posted: 0, revealed: 0 });
    expect(await other.store.getSlot(community, 'chan-1', '2026-11-23')).toMatchObject({ state: 'claimed' });
    other.clock.advance(STALE_CLAIM_MS + MIN);
    expect(await other.core.daily.runDue(other.posters)).toEqual({ posted: 1, revealed: 0 });
  });

  it('posts at the local time once, records answers privately, and reveals with the results', async () => {
    const { clock, core, store, poster, posters } = await setup();
    const { next } = await schedule(core, poster);
    expect(new Date(next!.postAt).toISOString()).toBe('2026-11-23T08:00:00.000Z');
    expect(await core.daily.runDue(posters)).toEqual({ posted: 0, revealed: 0 });

    clock.set('2026-11-23T08:00:30Z');
    expect(await core.daily.runDue(posters)).toEqual({ posted: 1, revealed: 0 });
    expect(await core.daily.runDue(posters)).toEqual({ posted: 0, revealed: 0 });
    const [post] = poster.posts;
    expect(post!.reply.title).toMatch(/^Daily question/);
    expect(post!.reply.ephemeral).toBe(false);
    const choice = post!.reply.buttons![0]!.filter((b) => b.action.name === 'quiz.choice');
    expect(choice).toHaveLength(4);

    // Members answer; the result stays hidden until the reveal; one answer each.
    const deliveryId = choice[0]!.action.args[0]!;
    const delivery = (await store.getDelivery(community, deliveryId))!;
    const right = delivery.order.indexOf(0);
    const names = ['ana', 'ben', 'cy', 'dee', 'eve'];
    for (const [i, name] of names.entries()) {
      clock.advance(MIN);
      const r = await core.quiz.answerChoice(aUser(name, community), deliveryId, name === 'ben' ? (right + 1) % 4 : right);
      expect(r.ok && r.value.hidden).toBe(true);
      if (i === 0) expect(await core.quiz.answerChoice(aUser(name, community), deliveryId, (right + 1) % 4)).toMatchObject({ code: 'ALREADY_ANSWERED' });
    }
    expect((await core.profile.stats(aUser('ana', community))).points).toBe(20);
    expect((await core.profile.streak(aUser('ana', community))).current).toBe(1);

    clock.set('2026-11-23T16:00:00Z'); // 17:00 Berlin: 8 hours later
    expect(await core.daily.runDue(posters)).toEqual({ posted: 0, revealed: 1 });
    expect(await core.daily.runDue(posters)).toEqual({ posted: 0, revealed: 0 });
    const reveal = post!.updates[0]!;
    expect(reveal.text).toContain('5 members answered, 80% correct. First correct: User ana, User cy, User dee.');
    expect(reveal.fields?.map((f) => f.name)).toEqual(['Why', 'Model answer']);
    expect(await core.quiz.answerChoice(aUser('late', community), deliveryId, right)).toMatchObject({ code: 'DELIVERY_CLOSED' });

    const status = await core.daily.status(community, 'chan-1');
    expect(status.ok && status.value.last?.state).toBe('revealed');
    expect(status.ok && new Date(status.value.next!.postAt).toISOString()).toBe('2026-11-24T08:00:00.000Z');
  });

  it('does not repeat a question in a channel until every matching one was used', async () => {
    const { clock, core, poster, posters, store } = await setup();
    await schedule(core, poster);
    const seen: string[] = [];
    for (let d = 0; d < 6; d++) {
      clock.set(Date.parse('2026-11-23T08:01:00Z') + d * 86_400_000);
      await core.daily.runDue(posters);
      const post = poster.posts[d]!;
      const id = post.reply.buttons![0]![0]!.action.args[0]!;
      seen.push((await store.getDelivery(community, id))!.questionId);
    }
    expect(new Set(seen.slice(0, 3)).size).toBe(3);
    expect(new Set(seen.slice(3, 6)).size).toBe(3);
  });

  it('after a restart: no second post, a missed post comes late once, and the reveal still happens', async () => {
    const first = await setup();
    await schedule(first.core, first.poster, 'chan-a');
    await schedule(first.core, first.poster, 'chan-b', { time: '10:00' });
    first.clock.set('2026-11-23T08:05:00Z');
    expect(await first.core.daily.runDue(first.posters)).toEqual({ posted: 1, revealed: 0 });

    // A new process on the same store, started at 12:00 Berlin: chan-a is done, chan-b was missed.
    const again = await setup(first.store, 99, first.poster);
    again.clock.set('2026-11-23T11:00:00Z');
    expect(await again.core.daily.runDue(again.posters)).toEqual({ posted: 1, revealed: 0 });
    expect(again.poster.posts.map((p) => p.channelId)).toEqual(['chan-a', 'chan-b']);
    expect(await again.core.daily.runDue(again.posters)).toEqual({ posted: 0, revealed: 0 });
    // chan-a's reveal is due at 17:00 Berlin; chan-b's at 18:00 (its scheduled time + 8 h).
    again.clock.set('2026-11-23T16:00:00Z');
    expect(await again.core.daily.runDue(again.posters)).toEqual({ posted: 0, revealed: 1 });
    again.clock.set('2026-11-23T17:00:00Z');
    expect(await again.core.daily.runDue(again.posters)).toEqual({ posted: 0, revealed: 1 });
    // A post missed until after its reveal time is skipped, not posted at night.
    await schedule(again.core, again.poster, 'chan-c', { time: '06:00', reveal_hours: undefined, revealHours: 1 });
    expect(await again.core.daily.runDue(again.posters)).toEqual({ posted: 0, revealed: 0 });
  });

  it('takes over a claim whose process died before recording its post', async () => {
    const { clock, core, poster, posters, store } = await setup();
    await schedule(core, poster);
    clock.set('2026-11-23T08:00:00Z');
    expect(await store.claimSlot(community, 'chan-1', '2026-11-23', 'post', { token: 'dead', now: clock.now(), staleBefore: 0, ttlMs: 86_400_000 })).toBe(true);
    clock.advance(STALE_CLAIM_MS - MIN);
    expect(await core.daily.runDue(posters)).toEqual({ posted: 0, revealed: 0 });
    clock.advance(2 * MIN);
    expect(await core.daily.runDue(posters)).toEqual({ posted: 1, revealed: 0 });
    expect(await store.finishSlot(community, 'chan-1', '2026-11-23', 'post', 'dead', {})).toBe(false);
  });

  it('fans out to many channels a few at a time, while interactive commands keep being served', async () => {
    const { clock, core, poster } = await setup();
    for (let i = 0; i < 20; i++) await schedule(core, poster, `fan-${i}`);
    clock.set('2026-11-23T08:00:30Z');
    // A platform that answers only when the test says so.
    let inFlight = 0;
    let maxInFlight = 0;
    const gates: (() => void)[] = [];
    const slow = Object.assign(Object.create(poster) as RecordingPoster, {
      post: async (...args: Parameters<RecordingPoster['post']>) => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await new Promise<void>((resolve) => gates.push(resolve));
        inFlight--;
        return poster.post(...args);
      },
    });
    const run = core.daily.runDue(new Map([['discord' as const, slow]]));
    await vi.waitFor(() => expect(gates.length).toBe(8));
    // The fan-out is waiting on the platform; a member's quiz is served meanwhile.
    const quiz = await core.quiz.start({ user: aUser('member', community), mode: 'choice' });
    expect(quiz.ok).toBe(true);
    while (poster.posts.length < 20) {
      gates.splice(0).forEach((open) => open());
      await new Promise((r) => setImmediate(r));
    }
    expect(await run).toEqual({ posted: 20, revealed: 0 });
    expect(maxInFlight).toBe(8);
  });

  it('refuses bad setup input and stores nothing', async () => {
    const { core, poster, store } = await setup();
    poster.hidden.add('secret');
    const bad = [
      { time: '9am', timeZone: 'Europe/Berlin', expect: 'HH:MM' },
      { time: '09:00', timeZone: 'Berlin', expect: 'IANA' },
      { time: '09:00', timeZone: 'UTC', weekdays: 'someday', expect: 'weekdays' },
      { time: '09:00', timeZone: 'UTC', channelId: 'secret', expect: 'Send Messages' },
    ];
    for (const b of bad) {
      const r = await core.daily.setup({ community, channelId: b.channelId ?? 'chan-1', adminId: 'a', time: b.time, timeZone: b.timeZone, weekdays: b.weekdays }, poster);
      expect(words(r)).toContain(b.expect);
    }
    expect(await store.allSchedules()).toEqual([]);
    expect((await store.getSettings(community)).timeZone).toBeUndefined();
    expect(words(await core.daily.postNow(community, 'chan-1', poster))).toContain('daily setup');
  });

  it('sets the community streak zone from the first schedule only', async () => {
    const { core, poster, store } = await setup();
    await schedule(core, poster, 'one');
    await schedule(core, poster, 'two', { timeZone: 'Asia/Tokyo' });
    expect((await store.getSettings(community)).timeZone).toBe('Europe/Berlin');
    expect(await core.daily.off(community, 'two')).toEqual({ ok: true, value: true });
    expect(await core.daily.off(community, 'two')).toMatchObject({ ok: false });
    expect((await store.allSchedules()).map((s) => s.schedule.channelId)).toEqual(['one']);
  });
});

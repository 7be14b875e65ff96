import { describe, expect, it } from 'vitest';
import { dayLabel, localDay, periodsAt } from '../../src/core/calendar.js';
import { createBackpropCore as createCore } from '../../src/bootstrap.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { aBank, aCommunity, aQuestion, aUser, FixedClock, seededRandom } from '../support/builders.js';

describe('calendar', () => {
  it('puts an instant on the local calendar day of the zone', () => {
    const t = Date.parse('2026-11-23T23:30:00Z');
    expect(dayLabel(localDay(t, 'UTC'))).toBe('2026-11-23');
    expect(dayLabel(localDay(t, 'Europe/Berlin'))).toBe('2026-11-24');
    expect(dayLabel(localDay(t, 'America/Los_Angeles'))).toBe('2026-11-23');
  });

  it('names ISO weeks and months in the zone, with their end', () => {
    // Sunday 2026-11-29 23:30 UTC is already Monday in Berlin: a new ISO week.
    const t = Date.parse('2026-11-29T23:30:00Z');
    expect(periodsAt(t, 'UTC')).toMatchObject({ week: '2026-W48', month: '2026-11' });
    expect(periodsAt(t, 'Europe/Berlin')).toMatchObject({ week: '2026-W49', month: '2026-11' });
    expect(periodsAt(Date.parse('2026-11-30T23:30:00Z'), 'Europe/Berlin').month).toBe('2026-12');
    expect(periodsAt(t, 'UTC').weekEndsAt).toBe(Date.parse('2026-11-30T00:00:00Z'));
    // ISO week-year differs from the calendar year around new year.
    expect(periodsAt(Date.parse('2027-01-01T12:00:00Z'), 'UTC').week).toBe('2026-W53');
  });
});

describe('streaks through the quiz service', () => {
  async function setup(zone: string, startIso: string) {
    const clock = new FixedClock(Date.parse(startIso));
    const store = await MemoryStore.open({ clock });
    const questions = Array.from({ length: 30 }, (_, i) => aQuestion({ id: `q${i}`, prompt: `Question number ${i} about things?` }));
    const core = createCore({ bank: aBank(questions), store, clock, random: seededRandom(7) });
    const community = aCommunity('tz-guild');
    await store.updateSettings(community, { timeZone: zone });
    const user = aUser('u1', community);
    const answerNow = async () => {
      const quiz = await core.quiz.start({ user, mode: 'choice' });
      if (!quiz.ok) throw new Error(quiz.code);
      const res = await core.quiz.answerChoice(user, quiz.value.delivery.id, 0);
      if (!res.ok) throw new Error(res.code);
      return res.value.outcome.streak;
    };
    return { clock, core, user, answerNow };
  }

  it('counts days across midnight in the community zone, not UTC', async () => {
    // 23:50 and 00:10 Berlin time: two different local days, one UTC day.
    const { clock, answerNow, core, user } = await setup('Europe/Berlin', '2026-11-23T22:50:00Z');
    expect((await answerNow()).current).toBe(1);
    clock.set('2026-11-23T23:10:00Z');
    expect((await answerNow()).current).toBe(2);
    // Later the same Berlin day: unchanged.
    clock.set('2026-11-24T20:00:00Z');
    expect((await answerNow()).current).toBe(2);
    expect(await core.profile.streak(user)).toEqual({ current: 2, best: 2, answeredToday: true });
    // Next day without an answer: still alive until the day after ends.
    clock.set('2026-11-25T12:00:00Z');
    expect(await core.profile.streak(user)).toEqual({ current: 2, best: 2, answeredToday: false });
    clock.set('2026-11-26T12:00:00Z');
    expect(await core.profile.streak(user)).toEqual({ current: 0, best: 2, answeredToday: false });
    expect((await answerNow()).current).toBe(1);
  });

  it('keeps a streak across a spring-forward day that has 23 hours', async () => {
    // Berlin springs forward on 2026-03-29: 02:00 becomes 03:00.
    const { clock, answerNow } = await setup('Europe/Berlin', '2026-03-28T22:30:00Z'); // 23:30 CET, Mar 28
    expect((await answerNow()).current).toBe(1);
    clock.set('2026-03-29T22:30:00Z'); // 00:30 CEST, Mar 30: 24h later but two local days on
    expect((await answerNow()).current).toBe(1);
    clock.set('2026-03-30T21:59:00Z'); // 23:59 CEST, Mar 30
    expect((await answerNow()).current).toBe(1);
    clock.set('2026-03-30T22:01:00Z'); // 00:01 CEST, Mar 31
    expect((await answerNow()).current).toBe(2);
  });

  it('keeps a streak across a fall-back day that has 25 hours', async () => {
    // New York falls back on 2026-11-01.
    const { clock, answerNow } = await setup('America/New_York', '2026-11-01T04:30:00Z'); // 00:30 EDT Nov 1
    expect((await answerNow()).current).toBe(1);
    clock.set('2026-11-02T04:45:00Z'); // 23:45 EST Nov 1: 24h15 later, same local day
    expect((await answerNow()).current).toBe(1);
    clock.set('2026-11-02T05:15:00Z'); // 00:15 EST Nov 2
    expect((await answerNow()).current).toBe(2);
  });

  it('uses the user zone when the platform gives one', async () => {
    const { core, user, clock } = await setup('UTC', '2026-11-23T23:30:00Z');
    const quiz = await core.quiz.start({ user, mode: 'choice' });
    if (!quiz.ok) throw new Error();
    await core.quiz.answerChoice(user, quiz.value.delivery.id, 0, 'Asia/Tokyo'); // already Nov 24 in Tokyo
    clock.set('2026-11-23T23:45:00Z'); // Nov 24 in Tokyo, still Nov 23 in UTC
    expect((await core.profile.streak(user, 'Asia/Tokyo')).answeredToday).toBe(true);
    expect((await core.profile.streak(user, 'UTC')).answeredToday).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { createBackpropCore as createCore } from '../../src/bootstrap.js';
import { localDay } from '../../src/core/calendar.js';
import type { Result } from '../../src/core/result.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import type { CommandContext } from '../../src/registry/command.js';
import { makeTestApp } from '../support/app.js';
import { readPngHeader } from '../support/png.js';
import { aBank, aQuestion, aUser, FixedClock, seededRandom } from '../support/builders.js';

const unwrap = <T>(r: Result<T>): T => {
  if (!r.ok) throw new Error(r.code);
  return r.value;
};

/** The heat map's counts come from recorded answers: in the member's own day, never a repeat. */
describe('activity from answers', () => {
  async function world(at: string) {
    const clock = new FixedClock(Date.parse(at));
    const store = await MemoryStore.open({ clock });
    const questions = [aQuestion({ id: 'q1' }), aQuestion({ id: 'q2', prompt: 'Another?' }), aQuestion({ id: 'q3', prompt: 'A third?' })];
    return { clock, store, core: createCore({ bank: aBank(questions), store, clock, random: seededRandom(5) }) };
  }

  it('counts each recorded answer once, on the member\'s local day, and ProfileService reads 16 weeks of it', async () => {
    // 23:30 UTC is already the next day in Tokyo.
    const { clock, core, store } = await world('2026-11-23T23:30:00Z');
    const ann = aUser('ann');
    const q = unwrap(await core.quiz.start({ user: ann, mode: 'choice' }));
    unwrap(await core.quiz.answerChoice(ann, q.delivery.id, 0, 'Asia/Tokyo'));
    // The same submission again is a repeat: shown its result, not counted again.
    await core.quiz.answerChoice(ann, q.delivery.id, 0, 'Asia/Tokyo');
    const q2 = unwrap(await core.quiz.start({ user: ann, mode: 'flash' }));
    unwrap(await core.quiz.rateFlash(ann, q2.delivery.id, 'good', 'Asia/Tokyo'));
    const tokyoDay = localDay(clock.now(), 'Asia/Tokyo');
    expect(tokyoDay).toBe(localDay(clock.now(), 'UTC') + 1);
    expect(await store.getActivity(ann, 0, 99_999)).toEqual(new Map([[tokyoDay, 2]]));

    const view = await core.profile.activity(ann, 'Asia/Tokyo');
    expect(view).toMatchObject({ today: tokyoDay, days: 112 });
    expect(view.counts).toEqual(new Map([[tokyoDay, 2]]));
    // Seen from UTC, that day is tomorrow: outside the window.
    expect((await core.profile.activity(ann)).counts.size).toBe(0);
  });

  it('the stats command attaches a PNG for a member with answers, and none for a newcomer', async () => {
    const app = await makeTestApp();
    const ctx = (userId: string): CommandContext => ({
      core: app.core,
      user: aUser(userId),
      isAdmin: false,
      canShare: true,
      invocation: (c) => `/${c}`,
      commands: app.registry.commands,
    });
    const bob = aUser('bob');
    const q = unwrap(await app.core.quiz.start({ user: bob, mode: 'choice' }));
    unwrap(await app.core.quiz.answerChoice(bob, q.delivery.id, 1));
    const stats = await app.registry.runCommand(ctx('bob'), 'stats', { options: {} });
    if (stats.type !== 'message') throw new Error('stats answered with a form');
    expect(stats.attachments).toHaveLength(1);
    expect(readPngHeader(stats.attachments![0]!.data).width).toBe(800);
    expect(stats.attachments![0]!.alt).toContain('Activity: 1 answer in the last 16 weeks');
    const none = await app.registry.runCommand(ctx('newcomer'), 'stats', { options: {} });
    expect(none.type === 'message' && none.attachments).toBeFalsy();
  });
});

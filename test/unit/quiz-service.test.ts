import { beforeEach, describe, expect, it } from 'vitest';
import { createBackpropCore as createCore } from '../../src/bootstrap.js';
import type { Core } from '../../src/core/core.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { SCORE_WINDOW_MS } from '../../src/core/scoring.js';
import type { Result } from '../../src/core/result.js';
import { userErrorText } from '../../src/views/errors.js';
import { aBank, aCommunity, aQuestion, aUser, FixedClock, seededRandom } from '../support/builders.js';

const slash = (c: string) => `/${c}`;

const unwrap = <T>(r: Result<T>): T => {
  if (!r.ok) throw new Error(r.code);
  return r.value;
};

describe('QuizService', () => {
  let core: Core;
  let clock: FixedClock;
  const user = aUser('alice');
  const bob = aUser('bob');

  beforeEach(async () => {
    clock = new FixedClock(Date.parse('2026-11-23T12:00:00Z'));
    const store = await MemoryStore.open({ clock });
    const questions = [
      aQuestion({ id: 'b1', difficulty: 'beginner' }),
      aQuestion({ id: 'i1', difficulty: 'intermediate', prompt: 'Intermediate one?' }),
      aQuestion({ id: 'a1', difficulty: 'advanced', topic: 'cnn', prompt: 'Advanced one?' }),
    ];
    core = createCore({ bank: aBank(questions), store, clock, random: seededRandom(3) });
  });

  it('shuffles choice options per delivery and grades the position that holds the correct answer', async () => {
    const orders = new Set<string>();
    for (let i = 0; i < 8; i++) {
      const quiz = unwrap(await core.quiz.start({ user: aUser(`u${i}`), mode: 'choice' }));
      orders.add(quiz.delivery.order.join(''));
      expect([...quiz.options].sort()).toEqual([quiz.question.choices.correct, ...quiz.question.choices.distractors].sort());
      const correctPos = quiz.options.indexOf(quiz.question.choices.correct);
      const res = unwrap(await core.quiz.answerChoice(aUser(`u${i}`), quiz.delivery.id, correctPos));
      expect(res.correct).toBe(true);
      expect(res.correctPosition).toBe(correctPos);
    }
    expect(orders.size).toBeGreaterThan(1);
  });

  it("counts an answer in the community's zone even when another process changed it since this one last answered", async () => {
    // Sunday 20:00 UTC is already Monday in Tokyo: week 48 in UTC, week 49 there.
    clock = new FixedClock(Date.parse('2026-11-29T20:00:00Z'));
    const store = await MemoryStore.open({ clock });
    const bank = aBank([aQuestion({ id: 'b1' }), aQuestion({ id: 'b2', prompt: 'Another?' })]);
    const [here, there] = [createCore({ bank, store, clock, random: seededRandom(4) }), createCore({ bank, store, clock, random: seededRandom(5) })];
    const answer = async (q: Core, who = user) => {
      const quiz = unwrap(await q.quiz.start({ user: who, mode: 'choice' }));
      return unwrap(await q.quiz.answerChoice(who, quiz.delivery.id, quiz.options.indexOf(quiz.question.choices.correct)));
    };
    await answer(here);
    await store.updateSettings(user.community, { timeZone: 'Asia/Tokyo' });
    await answer(here, bob);
    const week = (key: string) => store.getLeaderboard(user.community, { scope: 'users', period: 'week', key }, 0, 10, 'alice');
    expect((await week('2026-W48')).entries.map((e) => e.id)).toEqual(['alice']);
    expect((await week('2026-W49')).entries.map((e) => e.id)).toEqual(['bob']);
    // The other process never saw a zone; its first answer lands in Tokyo's week as well.
    await answer(there, aUser('cy'));
    expect((await week('2026-W49')).entries.map((e) => e.id).sort()).toEqual(['bob', 'cy']);
  });

  it('scores by difficulty, halves for a hint, and only the first answer counts', async () => {
    const quiz = unwrap(await core.quiz.start({ user, mode: 'choice', difficulty: 'advanced' }));
    unwrap(await core.quiz.hint(user, quiz.delivery.id));
    const pos = quiz.options.indexOf(quiz.question.choices.correct);
    const res = unwrap(await core.quiz.answerChoice(user, quiz.delivery.id, pos));
    expect(res.outcome.points).toBe(15);
    // The same choice again returns the recorded result; another choice is refused.
    expect(unwrap(await core.quiz.answerChoice(user, quiz.delivery.id, pos)).outcome).toEqual(res.outcome);
    const again = await core.quiz.answerChoice(user, quiz.delivery.id, (pos + 1) % 4);
    expect(again).toMatchObject({ ok: false, code: 'ALREADY_ANSWERED' });
    expect((await core.profile.stats(user)).points).toBe(15);
  });

  it('does not let a question score twice within 30 days', async () => {
    const first = unwrap(await core.quiz.start({ user, mode: 'choice', difficulty: 'beginner' }));
    unwrap(await core.quiz.answerChoice(user, first.delivery.id, first.options.indexOf(first.question.choices.correct)));
    clock.advance(86_400_000);
    const second = unwrap(await core.quiz.start({ user, mode: 'choice', difficulty: 'beginner' }));
    expect(second.question.id).toBe('b1');
    const res = unwrap(await core.quiz.answerChoice(user, second.delivery.id, second.options.indexOf(second.question.choices.correct)));
    expect(res.outcome).toMatchObject({ points: 0, scored: false });
    clock.advance(SCORE_WINDOW_MS);
    const third = unwrap(await core.quiz.start({ user, mode: 'choice', difficulty: 'beginner' }));
    const later = unwrap(await core.quiz.answerChoice(user, third.delivery.id, third.options.indexOf(third.question.choices.correct)));
    expect(later.outcome).toMatchObject({ points: 10, scored: true });
  });

  it('avoids questions the user saw recently', async () => {
    const seen = new Set<string>();
    for (let i = 0; i < 3; i++) seen.add(unwrap(await core.quiz.start({ user, mode: 'flash' })).question.id);
    expect(seen.size).toBe(3);
    // All seen: the least recently seen comes back first.
    const first = [...seen][0];
    expect(unwrap(await core.quiz.start({ user, mode: 'flash' })).question.id).toBe(first);
  });

  it('grades open answers against the rubric with stemming and synonyms', async () => {
    const quiz = unwrap(await core.quiz.start({ user, mode: 'open', difficulty: 'intermediate' }));
    const res = unwrap(await core.quiz.answerOpen(user, quiz.delivery.id, 'You use the chain-rule to take derivatives of the loss during the reverse mode sweep: by the chain rule, one backward pass gives the gradient of the loss for every weight.'));
    expect(res.grade.covered).toHaveLength(3);
    expect(res.grade.pass).toBe(true);
    expect(res.outcome.points).toBe(Math.round((20 * res.grade.score) / 100));
    const quiz2 = unwrap(await core.quiz.start({ user: bob, mode: 'open', difficulty: 'intermediate' }));
    const weak = unwrap(await core.quiz.answerOpen(bob, quiz2.delivery.id, 'It uses the chain rule.'));
    expect(weak.grade.pass).toBe(false);
    expect(weak.grade.missed.map((k) => k.point)).toEqual(['Computes the gradient of the loss', 'One backward pass']);
    expect(weak.outcome.points).toBe(Math.round((20 * weak.grade.score) / 100));
    expect((await core.profile.stats(bob)).correct).toBe(0);
  });

  it('rejects empty and over-long open answers without recording anything', async () => {
    const quiz = unwrap(await core.quiz.start({ user, mode: 'open' }));
    expect(await core.quiz.answerOpen(user, quiz.delivery.id, '   ')).toMatchObject({ ok: false, code: 'INVALID_ANSWER' });
    const long = await core.quiz.answerOpen(user, quiz.delivery.id, 'x'.repeat(4001));
    expect(long).toMatchObject({ ok: false, code: 'INVALID_ANSWER' });
    expect(long).toMatchObject({ params: { problem: 'too-long', length: 4001, max: 4000 } });
    expect(!long.ok && userErrorText(long, slash)).toContain('the limit is 4000');
    expect((await core.profile.stats(user)).answered).toBe(0);
    expect(unwrap(await core.quiz.answerOpen(user, quiz.delivery.id, 'x'.repeat(4000))).grade.score).toBe(0);
  });

  it('rates flash cards; "again" counts as not known', async () => {
    const quiz = unwrap(await core.quiz.start({ user, mode: 'flash', difficulty: 'advanced' }));
    const res = unwrap(await core.quiz.rateFlash(user, quiz.delivery.id, 'good'));
    expect(res.outcome.points).toBe(15);
    const quiz2 = unwrap(await core.quiz.start({ user: bob, mode: 'flash', difficulty: 'advanced' }));
    expect(unwrap(await core.quiz.rateFlash(bob, quiz2.delivery.id, 'again')).outcome.points).toBe(0);
    expect((await core.profile.stats(bob))).toMatchObject({ answered: 1, correct: 0 });
  });

  it('says why an action cannot be taken: unknown, someone else, wrong mode, bad option', async () => {
    expect(await core.quiz.answerChoice(user, 'nope', 0)).toMatchObject({ ok: false, code: 'DELIVERY_NOT_FOUND' });
    const quiz = unwrap(await core.quiz.start({ user, mode: 'choice' }));
    expect(await core.quiz.answerChoice(bob, quiz.delivery.id, 0)).toMatchObject({ ok: false, code: 'NOT_YOUR_QUIZ' });
    expect(await core.quiz.answerOpen(user, quiz.delivery.id, 'text')).toMatchObject({ ok: false, code: 'WRONG_MODE' });
    expect(await core.quiz.answerChoice(user, quiz.delivery.id, 4)).toMatchObject({ ok: false, code: 'INVALID_ANSWER' });
    // A delivery from another community does not exist here.
    expect(await core.quiz.answerChoice(aUser('alice', aCommunity('elsewhere')), quiz.delivery.id, 0)).toMatchObject({ code: 'DELIVERY_NOT_FOUND' });
    expect((await core.profile.stats(user)).answered).toBe(0);
  });

  it('lets every member answer a shared question once', async () => {
    const quiz = unwrap(await core.quiz.start({ user, mode: 'choice', shared: true }));
    expect(quiz.delivery.ownerId).toBeNull();
    unwrap(await core.quiz.answerChoice(bob, quiz.delivery.id, 1));
    unwrap(await core.quiz.answerChoice(user, quiz.delivery.id, 2));
    expect(await core.quiz.answerChoice(bob, quiz.delivery.id, 0)).toMatchObject({ code: 'ALREADY_ANSWERED' });
  });

  it('explains when no question matches the filter', async () => {
    const r = await core.quiz.start({ user, mode: 'choice', topic: 'cnn', difficulty: 'beginner' });
    expect(r).toMatchObject({ ok: false, code: 'NO_QUESTIONS' });
  });
});

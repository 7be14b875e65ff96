import { describe, expect, it } from 'vitest';
import { createBackpropCore as createCore } from '../../src/bootstrap.js';
import { parseTeamName } from '../../src/core/team-service.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { aBank, aCommunity, aQuestion, aUser, FixedClock, seededRandom } from '../support/builders.js';
import { userErrorText } from '../../src/views/errors.js';

const slash = (c: string) => `/${c}`;

describe('stats, leaderboards and teams', () => {
  async function setup() {
    const clock = new FixedClock(Date.parse('2026-11-23T12:00:00Z'));
    const store = await MemoryStore.open({ clock });
    const qs = ['fundamentals', 'cnn', 'cnn', 'llm', 'llm'].map((topic, i) => aQuestion({ id: `q${i}`, topic: topic, prompt: `Prompt ${i} here?` }));
    return { clock, core: createCore({ bank: aBank(qs), store, clock, random: seededRandom(11) }) };
  }

  it('reports accuracy by topic and the weakest topics', async () => {
    const { core } = await setup();
    const user = aUser('u');
    const answers: Record<string, boolean> = { q0: true, q1: false, q2: false, q3: true, q4: false };
    for (let i = 0; i < 5; i++) {
      const quiz = await core.quiz.start({ user, mode: 'choice' });
      if (!quiz.ok) throw new Error();
      const right = quiz.value.options.indexOf(quiz.value.question.choices.correct);
      await core.quiz.answerChoice(user, quiz.value.delivery.id, answers[quiz.value.question.id] ? right : (right + 1) % 4);
    }
    const s = await core.profile.stats(user);
    expect(s).toMatchObject({ answered: 5, correct: 2, accuracy: 0.4 });
    expect(s.byTopic.find((t) => t.topic === 'cnn')).toMatchObject({ answered: 2, correct: 0, accuracy: 0 });
    expect(s.weakest.map((t) => t.topic)).toEqual(['cnn', 'llm']);
  });

  it('ranks the asking user even outside the top 10, per period', async () => {
    const { core, clock } = await setup();
    const c = aCommunity();
    for (let i = 0; i < 12; i++) {
      const u = aUser(`m${i}`, c);
      for (let j = 0; j <= i % 5; j++) {
        const quiz = await core.quiz.start({ user: u, mode: 'choice' });
        if (!quiz.ok) throw new Error();
        await core.quiz.answerChoice(u, quiz.value.delivery.id, quiz.value.options.indexOf(quiz.value.question.choices.correct));
      }
    }
    const board = await core.profile.leaderboard(c, 'users', 'week', 1, 'm0');
    expect(board.entries).toHaveLength(10);
    expect(board.pages).toBe(2);
    expect(board.member?.rank).toBeGreaterThan(10);
    clock.advance(8 * 86_400_000); // next week: an empty weekly board, all-time unchanged
    expect((await core.profile.leaderboard(c, 'users', 'week', 1, 'm0')).total).toBe(0);
    expect((await core.profile.leaderboard(c, 'users', 'all', 1, 'm0')).total).toBe(12);
  });

  it('validates team names and treats case and spacing as the same team', async () => {
    expect(parseTeamName('  Deep   Divers ')).toEqual({ ok: true, value: { name: 'Deep Divers', key: 'deep-divers' } });
    for (const bad of ['@everyone', 'x', 'a'.repeat(33), '<@123>', 'team!', '']) {
      const r = parseTeamName(bad);
      expect(r.ok).toBe(false);
      expect(!r.ok && userErrorText(r, slash)).toContain('2–32 characters');
    }
    const { core } = await setup();
    const a = aUser('a');
    expect(await core.teams.join(a, 'Deep Divers')).toMatchObject({ ok: true, value: { created: true } });
    expect(await core.teams.join(aUser('b'), 'deep divers')).toMatchObject({ ok: true, value: { created: false, team: { name: 'Deep Divers', members: 2 } } });
    expect(await core.teams.join(a, 'Owls')).toMatchObject({ ok: false, code: 'TEAM_CONFLICT' });
    expect(await core.teams.members(a.community, 'nope')).toMatchObject({ ok: false, code: 'UNKNOWN_TEAM' });
    const unknown = await core.teams.members(a.community, 'nope');
    expect(!unknown.ok && userErrorText(unknown, slash)).toBe('There is no team called "nope". Teams: Deep Divers.');
    expect(await core.teams.leave(aUser('c'))).toMatchObject({ ok: false, code: 'NOT_IN_TEAM' });
  });

  it('normalises team names (NFKC) and refuses mixed-alphabet look-alikes of an existing team', async () => {
    const { core } = await setup();
    expect(await core.teams.join(aUser('a'), 'Deep Divers')).toMatchObject({ ok: true });
    // Full-width letters are the same team.
    expect(await core.teams.join(aUser('b'), 'Ｄｅｅｐ Ｄｉｖｅｒｓ')).toMatchObject({ ok: true, value: { created: false, team: { name: 'Deep Divers' } } });
    // Cyrillic е and і drawn like Latin e and i.
    const fake = await core.teams.join(aUser('c'), 'Dеep Dіvers');
    expect(fake).toMatchObject({ ok: false, code: 'INVALID_OPTION' });
    expect(!fake.ok && userErrorText(fake, slash)).toBe('"Dеep Dіvers" mixes alphabets to look like the team "Deep Divers". Join "Deep Divers" or pick another name.');
    // One alphabet throughout is a name of its own.
    expect(await core.teams.join(aUser('d'), 'Глубина')).toMatchObject({ ok: true, value: { created: true } });
  });
});

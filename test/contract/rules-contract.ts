import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { AnswerInput } from '../../src/core/answer-rules.js';
import type { BoardRef } from '../../src/core/leaderboard.js';
import type { Store } from '../../src/core/store.js';
import type { UserRef } from '../../src/core/identity.js';
import { aCommunity, aUser } from '../support/builders.js';
import { BOARD_CASES, HINT_CASES, STREAK_CASES, WINDOW_CASES, WINDOW_MS } from './rule-cases.js';

const DAY = 86_400_000;

/** The table of rule-cases.ts, through a store's recordAnswer: the same outcomes on every store. */
export function rulesContract(getStore: () => Store): void {
  describe('domain rules (rule-cases.ts)', () => {
    const community = aCommunity('g-rules');
    const answer = (user: UserRef, deliveryId: string, extra: Partial<AnswerInput> = {}): AnswerInput => {
      const now = Date.now();
      return {
        user, deliveryId, questionId: deliveryId, topic: 'cnn', correct: true, basePoints: 20, day: 20_000, week: '2026-W48', month: '2026-11',
        weekExpiresAt: now + 10 * DAY, monthExpiresAt: now + 40 * DAY, scoreWindowMs: 30 * DAY, now, deliveryTtlMs: DAY, ...extra,
      };
    };

    it.each(STREAK_CASES)('streak: $name', async ({ days, after }) => {
      const u = aUser('streaker', community);
      for (const [i, day] of days.entries()) {
        const out = await getStore().recordAnswer(answer(u, `d${i}`, { day }));
        expect(out).toMatchObject({ status: 'recorded', streak: after[i] });
      }
      expect(await getStore().getStreak(u)).toEqual(after.at(-1));
    });

    it('hint: halves the points of the user who took it, rounded down', async () => {
      for (const [i, c] of HINT_CASES.entries()) {
        const u = aUser(`hinted${i}`, community);
        if (c.hint) expect(await getStore().markHint(community, 'shared', u.userId, DAY)).toBe(true);
        const out = await getStore().recordAnswer(answer(u, 'shared', { basePoints: c.base, questionId: `hq${i}` }));
        expect(out, `base ${c.base}, hint ${c.hint}`).toMatchObject({ status: 'recorded', points: c.points, hintUsed: c.hint, scored: true });
        expect((await getStore().getStats(u)).points).toBe(c.points);
      }
    });

    it('scoring window: a question scores once per window, per question', async () => {
      const u = aUser('windowed', community);
      const start = Date.now();
      let total = 0;
      for (const [i, c] of WINDOW_CASES.entries()) {
        await sleep(Math.max(0, start + c.at - Date.now()));
        const out = await getStore().recordAnswer(answer(u, `w${i}`, { questionId: c.question, scoreWindowMs: WINDOW_MS, basePoints: 10 }));
        expect(out, `step ${i}`).toMatchObject({ status: 'recorded', scored: c.scored, points: c.scored ? 10 : 0 });
        total += c.scored ? 10 : 0;
      }
      expect(await getStore().getStats(u)).toMatchObject({ answered: WINDOW_CASES.length, points: total });
    });

    it.each(BOARD_CASES)('boards: $name', async ({ team, boards }) => {
      const u = aUser('fan', community);
      if (team) await getStore().joinTeam(u, team, 'Team');
      await getStore().recordAnswer(answer(u, 'fan-d', { basePoints: 30, week: 'W-fan', month: 'M-fan' }));
      const keys = { all: 'all', week: 'W-fan', month: 'M-fan' } as const;
      for (const scope of ['users', 'teams'] as const) {
        for (const period of ['all', 'week', 'month'] as const) {
          const ref: BoardRef = { scope, period, key: keys[period] };
          const page = await getStore().getLeaderboard(community, ref, 0, 10, scope === 'users' ? 'fan' : (team ?? ''));
          const reached = boards.some(([s, p]) => s === scope && p === period);
          expect(page.entries.map((e) => [e.id, e.score]), `${scope} ${period}`).toEqual(reached ? [[scope === 'users' ? 'fan' : team, 30]] : []);
        }
      }
      // Another week's board is untouched.
      expect((await getStore().getLeaderboard(community, { scope: 'users', period: 'week', key: 'W-other' }, 0, 10, 'fan')).total).toBe(0);
    });

    it('boards: an answer worth 0 points still puts the user on the boards', async () => {
      await getStore().recordAnswer(answer(aUser('zero', community), 'z', { basePoints: 0, correct: false }));
      const page = await getStore().getLeaderboard(community, { scope: 'users', period: 'week', key: '2026-W48' }, 0, 10, 'zero');
      expect(page.member).toMatchObject({ id: 'zero', score: 0, rank: 1 });
    });
  });
}

import { describe, expect, it } from 'vitest';
import { answerPoints, boardUpdates, hintedPoints, maySlotBeClaimed, nextStreak, NO_STREAK, pushRecentList, scoreWindow } from '../../src/core/answer-rules.js';
import { BOARD_CASES, HINT_CASES, STREAK_CASES, WINDOW_CASES, WINDOW_MS } from '../contract/rule-cases.js';
import { aUser } from '../support/builders.js';

describe('answer rules (the table every store is pinned to)', () => {
  it.each(STREAK_CASES)('streak: $name', ({ days, after }) => {
    let streak = NO_STREAK;
    days.forEach((day, i) => {
      streak = nextStreak(streak, day);
      expect(streak).toEqual(after[i]);
    });
  });

  it.each(HINT_CASES)('hint: $base points, hint $hint -> $points', ({ base, hint, points }) => {
    expect(hintedPoints(base, hint)).toBe(points);
    expect(answerPoints(base, hint, true)).toBe(points);
    expect(answerPoints(base, hint, false)).toBe(0);
  });

  it('scoring window: the same table, on a simulated clock', () => {
    const marks = new Map<string, number | null>();
    const start = 1_000_000;
    for (const c of WINDOW_CASES) {
      const w = scoreWindow(marks.get(c.question) ?? null, start + c.at, WINDOW_MS);
      expect(w.scored).toBe(c.scored);
      marks.set(c.question, w.markedUntil);
    }
  });

  it.each(BOARD_CASES)('boards: $name', ({ team, boards }) => {
    const a = { user: aUser('fan'), week: 'W', month: 'M', weekExpiresAt: 7, monthExpiresAt: 30 };
    const keys = { all: 'all', week: 'W', month: 'M' } as const;
    const expires = { all: null, week: 7, month: 30 } as const;
    expect(boardUpdates(a, team)).toEqual(boards.map(([scope, period]) => ({ scope, key: keys[period], member: scope === 'users' ? 'fan' : team, expiresAt: expires[period] })));
  });

  it('daily slots: post takes a free slot, reveal a posted one, and stale claims are taken over', () => {
    const at = (state: 'claimed' | 'posted' | 'revealing' | 'revealed', claimedAt = 100) => ({ state, claimedAt });
    expect(maySlotBeClaimed(null, 'post', 50)).toBe(true);
    expect(maySlotBeClaimed(at('claimed'), 'post', 50)).toBe(false);
    expect(maySlotBeClaimed(at('claimed'), 'post', 101)).toBe(true);
    expect(maySlotBeClaimed(at('posted'), 'post', 999)).toBe(false);
    expect(maySlotBeClaimed(null, 'reveal', 50)).toBe(false);
    expect(maySlotBeClaimed(at('posted'), 'reveal', 50)).toBe(true);
    expect(maySlotBeClaimed(at('revealing'), 'reveal', 100)).toBe(false);
    expect(maySlotBeClaimed(at('revealing'), 'reveal', 101)).toBe(true);
    expect(maySlotBeClaimed(at('revealed'), 'reveal', 999)).toBe(false);
  });

  it('recent questions: newest first, no repeats, at most keep', () => {
    expect(['a', 'b', 'c', 'a', 'd'].reduce<string[]>((l, q) => pushRecentList(l, q, 3), [])).toEqual(['d', 'a', 'c']);
  });
});

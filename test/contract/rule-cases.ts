import type { BoardScope } from '../../src/core/leaderboard.js';
import type { StreakRecord } from '../../src/core/answer-rules.js';

/**
 * One table of cases for the domain rules every store applies. test/unit/answer-rules.test.ts runs
 * it against the pure functions of src/core/answer-rules.ts; rules-contract.ts runs it against
 * every store, which pins the Redis Lua scripts to the same rules as SQLite and memory.
 */

const s = (current: number, best: number, lastDay: number): StreakRecord => ({ current, best, lastDay });

/** Answers on these local days, in order; the streak after each. */
export const STREAK_CASES: { name: string; days: number[]; after: StreakRecord[] }[] = [
  { name: 'the first answer starts a streak of 1', days: [100], after: [s(1, 1, 100)] },
  { name: 'the same day changes nothing, the next day extends', days: [100, 100, 101, 102], after: [s(1, 1, 100), s(1, 1, 100), s(2, 2, 101), s(3, 3, 102)] },
  { name: 'a gap restarts at 1 and keeps the best', days: [100, 101, 102, 105], after: [s(1, 1, 100), s(2, 2, 101), s(3, 3, 102), s(1, 3, 105)] },
  { name: 'an earlier day (another zone) never rewinds', days: [105, 104, 106], after: [s(1, 1, 105), s(1, 1, 105), s(2, 2, 106)] },
  { name: 'a new run can beat the old best', days: [1, 2, 5, 6, 7], after: [s(1, 1, 1), s(2, 2, 2), s(1, 2, 5), s(2, 2, 6), s(3, 3, 7)] },
];

/** Base points of an answer, with or without a hint taken first, and what it earns. */
export const HINT_CASES: { base: number; hint: boolean; points: number }[] = [
  { base: 25, hint: false, points: 25 },
  { base: 25, hint: true, points: 12 },
  { base: 20, hint: true, points: 10 },
  { base: 31, hint: true, points: 15 },
  { base: 1, hint: true, points: 0 },
  { base: 0, hint: false, points: 0 },
];

/** With this window, answers to these questions at these times (ms after the first) score or not. */
export const WINDOW_MS = 1000;
export const WINDOW_CASES: { question: string; at: number; scored: boolean }[] = [
  { question: 'q1', at: 0, scored: true },
  { question: 'q1', at: 0, scored: false }, // inside the window: counted, but no points
  { question: 'q2', at: 0, scored: true }, // another question has its own window
  { question: 'q1', at: 1300, scored: true }, // the window has passed: it scores again
  { question: 'q1', at: 1300, scored: false }, // ... and a new window starts
];

/** Which boards one answer reaches: [scope, period] of each, given the user's team. */
export const BOARD_CASES: { name: string; team: string | null; boards: [BoardScope, 'all' | 'week' | 'month'][] }[] = [
  { name: 'a user in no team reaches the three user boards', team: null, boards: [['users', 'all'], ['users', 'week'], ['users', 'month']] },
  {
    name: "a user in a team also reaches the team's three boards",
    team: 'owls',
    boards: [['users', 'all'], ['users', 'week'], ['users', 'month'], ['teams', 'all'], ['teams', 'week'], ['teams', 'month']],
  },
];

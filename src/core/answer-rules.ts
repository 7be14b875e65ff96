import { SLOT_PHASES, type DailySlot, type SlotPhase } from './daily/schedule.js';
import type { UserRef } from './identity.js';
import type { BoardScope } from './leaderboard.js';
import type { AnswerReview } from './learning/card-store.js';

/**
 * The domain rules every store applies when it records an answer or claims a daily slot, as pure
 * functions: SqliteStore and MemoryStore call them inside their transaction, and the Redis Lua
 * scripts (lua/record-answer-1.lua, lua/claim-slot-1.lua) restate them in Lua. One table of cases
 * (test/contract/rule-cases.ts) pins all of them: unit tests run it against these functions and the
 * store contract suite runs it against every store. The records an answer goes in as and comes
 * out as (AnswerInput, AnswerOutcome, the stats and streak it keeps) are declared here with them.
 */

/** An answer as the scores port records it (ScoreStore.recordAnswer), with what the rules need. */
export interface AnswerInput {
  user: UserRef;
  deliveryId: string;
  questionId: string;
  topic: string;
  correct: boolean;
  /** Points before the hint penalty and the once-per-window rule. */
  basePoints: number;
  /** The user's local calendar day (see calendar.localDay), for the streak. */
  day: number;
  week: string;
  month: string;
  weekExpiresAt: number;
  monthExpiresAt: number;
  scoreWindowMs: number;
  now: number;
  /** How long the delivery's answer records live. */
  deliveryTtlMs: number;
  /**
   * What was submitted ("choice:2", "flash:good", "open:<hash>"). The same submission again (a
   * client re-sending after a dropped connection, a repeated request) gets the stored outcome of
   * the first; a different one is a duplicate. Without it every repeat is a duplicate.
   */
  submission?: string | undefined;
  /**
   * The community's time-zone setting the caller computed `week`, `month` and `day` with ('' when
   * unset). When given, the store first compares it with the stored setting and, if an admin has
   * changed it since, records nothing and answers `zone-changed` with the stored one (see
   * zoneChanged): the caller keeps the zone per process instead of reading the settings per answer.
   */
  expectedZone?: string | undefined;
  /**
   * Also count the answer on its local `day` for the stats heat map (ActivityStore's counts), in
   * the same atomic step: a recorded answer counts once, a duplicate or a replay never. Folded in
   * so a click stays one round trip for scores and activity together.
   */
  activity?: { keepDays: number; ttlMs: number } | undefined;
  /**
   * Review the member's card for this question with this answer (answerReview, with the hint mark
   * read in the same step) when the answer is recorded, never for a duplicate or a replay: saved in
   * the same atomic step (Memory, SQLite) or queued in it and folded into the cards before they are
   * next read (Redis). See AnswerReview.
   */
  review?: AnswerReview | undefined;
}

export type AnswerOutcome =
  | { status: 'duplicate' }
  /** Nothing was recorded: the community's zone setting is `zone` ('' when unset), not the expected one. */
  | { status: 'zone-changed'; zone: string }
  | {
      status: 'recorded';
      points: number;
      hintUsed: boolean;
      /** False when this question already scored for the user inside the window. */
      scored: boolean;
      streak: StreakRecord;
    };

/** One answer to a delivery, in the order answers were recorded. */
export interface AnswerResultRecord {
  userId: string;
  correct: boolean;
  at: number;
}

/** A user's running totals, kept by every recorded answer. */
export interface UserStatsRecord {
  answered: number;
  correct: number;
  points: number;
  byTopic: Record<string, { answered: number; correct: number }>;
}

export interface StreakRecord {
  current: number;
  best: number;
  /** The day of the last answer, or -1. */
  lastDay: number;
}

export const NO_STREAK: StreakRecord = { current: 0, best: 0, lastDay: -1 };

/** The zone-changed outcome when the caller expected another zone setting than the stored one, else null. */
export function zoneChanged(stored: string | null | undefined, expected: string | undefined): Extract<AnswerOutcome, { status: 'zone-changed' }> | null {
  if (expected === undefined || (stored ?? '') === expected) return null;
  return { status: 'zone-changed', zone: stored ?? '' };
}

/**
 * Streak transition for an answer on local `day`: the next day extends the streak, a gap restarts
 * it at 1, the same day changes nothing, and an earlier day (another zone) never rewinds it.
 */
export function nextStreak(prev: StreakRecord, day: number): StreakRecord {
  let current = prev.current;
  if (day === prev.lastDay + 1) current += 1;
  else if (day > prev.lastDay + 1) current = 1;
  return { current, best: Math.max(prev.best, current), lastDay: Math.max(prev.lastDay, day) };
}

/** A hint halves what an answer earns, rounded down. */
export function hintedPoints(points: number, hintUsed: boolean): number {
  return hintUsed ? Math.floor(points / 2) : points;
}

/**
 * Once-per-window scoring: a question scores for a user when no earlier scoring of it is still
 * inside its window. `markedUntil` is when the previous scoring's window ends (null: never scored).
 * A scoring answer opens a new window; one that does not score leaves the old window as it was.
 */
export function scoreWindow(markedUntil: number | null, now: number, windowMs: number): { scored: boolean; markedUntil: number | null } {
  const scored = markedUntil === null || now >= markedUntil;
  return { scored, markedUntil: scored ? now + windowMs : markedUntil };
}

/** The points an answer earns: base, halved after a hint, zero when it does not score. */
export function answerPoints(basePoints: number, hintUsed: boolean, scored: boolean): number {
  return scored ? hintedPoints(basePoints, hintUsed) : 0;
}

export interface BoardUpdate {
  scope: BoardScope;
  /** "all", the week ("2026-W48") or the month ("2026-11"). */
  key: string;
  member: string;
  /** When the board expires; null for the all-time board. */
  expiresAt: number | null;
}

/**
 * Board fan-out: every answer (even for 0 points) puts the user on the all-time, week and month
 * boards; a user in a team adds the same points to the team's three boards.
 */
export function boardUpdates(a: Pick<AnswerInput, 'user' | 'week' | 'month' | 'weekExpiresAt' | 'monthExpiresAt'>, teamKey: string | null): BoardUpdate[] {
  const three = (scope: BoardScope, member: string): BoardUpdate[] => [
    { scope, key: 'all', member, expiresAt: null },
    { scope, key: a.week, member, expiresAt: a.weekExpiresAt },
    { scope, key: a.month, member, expiresAt: a.monthExpiresAt },
  ];
  return [...three('users', a.user.userId), ...(teamKey === null ? [] : three('teams', teamKey))];
}

/**
 * Whether a caller may claim a phase of a daily slot: 'post' takes a free slot, 'reveal' a posted
 * one; a claim left busy since before `staleBefore` belongs to a dead process and is taken over.
 */
export function maySlotBeClaimed(slot: Pick<DailySlot, 'state' | 'claimedAt'> | null, phase: SlotPhase, staleBefore: number): boolean {
  const busy = SLOT_PHASES[phase].busy;
  if (slot?.state === busy) return slot.claimedAt < staleBefore;
  return phase === 'post' ? slot === null : slot?.state === 'posted';
}

/** A user's recently seen questions: newest first, no repeats, at most `keep`. */
export function pushRecentList(list: readonly string[], questionId: string, keep: number): string[] {
  return [questionId, ...list.filter((q) => q !== questionId)].slice(0, Math.max(0, keep));
}

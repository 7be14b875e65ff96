import type { Community, UserRef } from './identity.js';

/**
 * The Store port: every piece of state the core keeps, declared by what the core needs.
 * Implementations: SqliteStore (embedded default; several processes on one machine), RedisStore
 * (shared, many machines) and MemoryStore (unit tests). The rules they apply are answer-rules.ts.
 * Every method is scoped to one community; no method can reach another community's data.
 */

export const QUIZ_MODES = ['choice', 'open', 'flash'] as const;
export type QuizMode = (typeof QUIZ_MODES)[number];

/** One question shown to one user (or to a channel, when shared). */
export interface Delivery {
  id: string;
  questionId: string;
  mode: QuizMode;
  /** The user who may answer; null when shared in a channel, where each member answers once. */
  ownerId: string | null;
  /** order[displayPosition] = index into [correct, ...distractors]. */
  order: number[];
  createdAt: number;
  expiresAt: number;
  /** Set for daily posts: the correct answer stays hidden until then. */
  revealAt?: number | undefined;
  /** The zone times of this delivery are shown in (a daily schedule's zone). */
  timeZone?: string | undefined;
  /** Free-form link to where it was posted (channel / message), for adapters and the scheduler. */
  channelId?: string | undefined;
}

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
}

export type AnswerOutcome =
  | { status: 'duplicate' }
  | {
      status: 'recorded';
      points: number;
      hintUsed: boolean;
      /** False when this question already scored for the user inside the window. */
      scored: boolean;
      streak: StreakRecord;
    };

export interface StreakRecord {
  current: number;
  best: number;
  /** The day of the last answer, or -1. */
  lastDay: number;
}

export interface UserStatsRecord {
  answered: number;
  correct: number;
  points: number;
  byTopic: Record<string, { answered: number; correct: number }>;
}

export type BoardScope = 'users' | 'teams';
export type BoardPeriod = 'week' | 'month' | 'all';

export interface BoardRef {
  scope: BoardScope;
  period: BoardPeriod;
  /** "2026-W48", "2026-11" or "all". */
  key: string;
}

export interface LeaderboardEntry {
  id: string;
  name: string;
  score: number;
  /** 1-based. */
  rank: number;
}

export interface LeaderboardPage {
  total: number;
  entries: LeaderboardEntry[];
  /** The asking member's own place, also when outside the page; null when not on the board. */
  member: LeaderboardEntry | null;
}

export interface TeamInfo {
  key: string;
  name: string;
  members: number;
}

export type JoinTeamOutcome =
  | { status: 'joined'; created: boolean; team: TeamInfo }
  | { status: 'already-member'; team: TeamInfo }
  | { status: 'in-other-team'; team: TeamInfo };

export interface AnswerResultRecord {
  userId: string;
  correct: boolean;
  at: number;
}

export interface CommunitySettings {
  timeZone?: string | undefined;
}

/** A channel's daily question schedule. Times are wall-clock times in `timeZone`. */
export interface DailySchedule {
  channelId: string;
  /** "HH:MM", 24-hour. */
  time: string;
  timeZone: string;
  /** ISO weekdays 1 (Monday) … 7 (Sunday) on which to post. */
  weekdays: number[];
  topic?: string | undefined;
  difficulty?: string | undefined;
  mode: QuizMode;
  revealAfterMinutes: number;
  createdBy: string;
  createdAt: number;
}

/** One (channel, local date) slot: claimed by one process, then posted, then revealed. */
export interface DailySlot {
  state: 'claimed' | 'posted' | 'revealing' | 'revealed';
  token: string;
  claimedAt: number;
  deliveryId?: string | undefined;
  messageId?: string | undefined;
  postedAt?: number | undefined;
  revealAt?: number | undefined;
}

export type SlotPhase = 'post' | 'reveal';

/** The state a phase moves a slot through: claimed while posting, then posted; revealing, then revealed. */
export const SLOT_PHASES: Record<SlotPhase, { busy: DailySlot['state']; done: DailySlot['state'] }> = {
  post: { busy: 'claimed', done: 'posted' },
  reveal: { busy: 'revealing', done: 'revealed' },
};

export interface ScheduledChannel {
  community: Community;
  schedule: DailySchedule;
}

export interface Store {
  saveDelivery(c: Community, d: Delivery): Promise<void>;
  getDelivery(c: Community, id: string): Promise<Delivery | null>;
  hasAnswered(c: Community, deliveryId: string, userId: string): Promise<boolean>;
  /** Records that the user took the hint; returns false when they already had. */
  markHint(c: Community, deliveryId: string, userId: string, ttlMs: number): Promise<boolean>;
  /**
   * Atomically: first answer per (delivery, user) only; hint penalty; once-per-window scoring;
   * stats; streak; every user and team board; display name; the delivery's results list.
   */
  recordAnswer(input: AnswerInput): Promise<AnswerOutcome>;
  /** Answers to a delivery in the order they were recorded. */
  getResults(c: Community, deliveryId: string): Promise<AnswerResultRecord[]>;

  pushRecent(user: UserRef, questionId: string, keep: number): Promise<void>;
  getRecent(user: UserRef): Promise<string[]>;

  getStats(user: UserRef): Promise<UserStatsRecord>;
  getStreak(user: UserRef): Promise<StreakRecord>;
  getLeaderboard(c: Community, board: BoardRef, offset: number, limit: number, memberId: string): Promise<LeaderboardPage>;

  joinTeam(user: UserRef, teamKey: string, teamName: string): Promise<JoinTeamOutcome>;
  /** Returns the team left, or null when the user was in none. */
  leaveTeam(user: UserRef): Promise<TeamInfo | null>;
  getUserTeam(user: UserRef): Promise<TeamInfo | null>;
  listTeams(c: Community): Promise<TeamInfo[]>;
  teamMembers(c: Community, teamKey: string): Promise<{ id: string; name: string }[]>;

  /** The last display name seen for a user, or null for someone who never used the bot. */
  getDisplayName(c: Community, userId: string): Promise<string | null>;

  getSettings(c: Community): Promise<CommunitySettings>;
  /** Sets only the fields given; with onlyIfUnset, leaves fields that already have a value. */
  updateSettings(c: Community, patch: CommunitySettings, onlyIfUnset?: boolean): Promise<CommunitySettings>;

  saveSchedule(c: Community, schedule: DailySchedule): Promise<void>;
  getSchedule(c: Community, channelId: string): Promise<DailySchedule | null>;
  /** Returns false when there was no schedule. */
  deleteSchedule(c: Community, channelId: string): Promise<boolean>;
  /** Every schedule of every community, for the scheduler. */
  allSchedules(): Promise<ScheduledChannel[]>;
  /**
   * Claims a phase of a slot: 'post' (free → claimed) or 'reveal' (posted → revealing). True when
   * this caller now owns it, also when a claim older than `staleBefore` was never finished (its
   * process died) and is taken over.
   */
  claimSlot(c: Community, channelId: string, slot: string, phase: SlotPhase, claim: { token: string; now: number; staleBefore: number; ttlMs: number }): Promise<boolean>;
  /** Finishes a phase this caller claimed; false when the claim was taken over meanwhile. */
  finishSlot(c: Community, channelId: string, slot: string, phase: SlotPhase, token: string, fields: Partial<Pick<DailySlot, 'deliveryId' | 'messageId' | 'postedAt' | 'revealAt'>>): Promise<boolean>;
  getSlot(c: Community, channelId: string, slot: string): Promise<DailySlot | null>;
  /** Questions already used in a channel's daily posts (so none repeats until all are used). */
  usedDailyQuestions(c: Community, channelId: string): Promise<string[]>;
  /** Adds a used question; `reset` clears the list first (every candidate was used). */
  markDailyQuestionUsed(c: Community, channelId: string, questionId: string, reset: boolean): Promise<void>;

  /** Checks the store answers; throws when it does not. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

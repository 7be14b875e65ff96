import type { AnswerInput, AnswerOutcome, AnswerResultRecord, StreakRecord, UserStatsRecord } from './answer-rules.js';
import type { Community, UserRef } from './identity.js';
import type { BoardRef, LeaderboardPage } from './leaderboard.js';

/** Scores port: answers, and what they add up to (stats, streaks, boards, who is who). */
export interface ScoreStore {
  /**
   * Atomically: first answer per (delivery, user) only; hint penalty; once-per-window scoring;
   * stats; streak; every user and team board; display name; the delivery's results list. The
   * rules are core/answer-rules.ts.
   */
  recordAnswer(input: AnswerInput): Promise<AnswerOutcome>;
  hasAnswered(c: Community, deliveryId: string, userId: string): Promise<boolean>;
  /** Answers to a delivery in the order they were recorded. */
  getResults(c: Community, deliveryId: string): Promise<AnswerResultRecord[]>;
  getStats(user: UserRef): Promise<UserStatsRecord>;
  getStreak(user: UserRef): Promise<StreakRecord>;
  getLeaderboard(c: Community, board: BoardRef, offset: number, limit: number, memberId: string): Promise<LeaderboardPage>;
  /** The last display name seen for a user, or null for someone who never used the bot. */
  getDisplayName(c: Community, userId: string): Promise<string | null>;
}

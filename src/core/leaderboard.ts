/** Leaderboards: members' and teams' points per week, month and all time. */

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

import { TOPICS } from './bank/schema.js';
import { DEFAULT_TIME_ZONE, localDay, periodsAt } from './calendar.js';
import type { Community, UserRef } from './identity.js';
import type { Clock } from './ports.js';
import type { BoardPeriod, BoardScope, LeaderboardPage } from './leaderboard.js';
import type { ScoreStore } from './score-store.js';
import type { SettingsStore } from './settings-store.js';
import type { TeamInfo } from './team.js';
import type { TeamStore } from './team-store.js';
import { ACTIVITY_WEEKS, type ActivityStore } from './activity-store.js';

export const LEADERBOARD_PAGE_SIZE = 10;

export interface StreakView {
  /** 0 when the last answer was before yesterday: the streak is broken. */
  current: number;
  best: number;
  answeredToday: boolean;
}

export interface TopicAccuracy {
  topic: string;
  label: string;
  answered: number;
  correct: number;
  accuracy: number;
}

export interface StatsView {
  answered: number;
  correct: number;
  accuracy: number;
  points: number;
  byTopic: TopicAccuracy[];
  /** Up to three topics with the lowest accuracy among those answered at least twice. */
  weakest: TopicAccuracy[];
}

export interface LeaderboardView extends LeaderboardPage {
  scope: BoardScope;
  period: BoardPeriod;
  /** "2026-W48", "2026-11" or "all". */
  key: string;
  page: number;
  pages: number;
}

/** A member's answers per day over the last ACTIVITY_WEEKS weeks, ending today (their local day). */
export interface ActivityView {
  /** Today's localDay number; the map's keys are localDay numbers from `today - days + 1`. */
  today: number;
  days: number;
  counts: Map<number, number>;
}

/** A member's progress at a glance (Slack's App Home). */
export interface Overview {
  streak: StreakView;
  stats: StatsView;
  /** This week's member board, first page, with the member's own place. */
  week: LeaderboardView;
  team: TeamInfo | null;
}

/** Read models: streaks, stats, leaderboards and who is who. */
export class ProfileService {
  constructor(private readonly deps: { scores: ScoreStore; teams: TeamStore; settings: SettingsStore; clock: Clock; activity?: ActivityStore | undefined }) {}

  private async zoneOf(c: Community): Promise<string> {
    return (await this.deps.settings.getSettings(c)).timeZone ?? DEFAULT_TIME_ZONE;
  }

  /** The last display name seen for a member of the community, or null for someone who never used the bot. */
  async displayName(c: Community, userId: string): Promise<string | null> {
    return this.deps.scores.getDisplayName(c, userId);
  }

  async overview(user: UserRef, userZone?: string): Promise<Overview> {
    const [streak, stats, week, team] = await Promise.all([
      this.streak(user, userZone),
      this.stats(user),
      this.leaderboard(user.community, 'users', 'week', 1, user.userId),
      this.deps.teams.getUserTeam(user),
    ]);
    return { streak, stats, week, team };
  }

  async streak(user: UserRef, userZone?: string): Promise<StreakView> {
    const s = await this.deps.scores.getStreak(user);
    const today = localDay(this.deps.clock.now(), userZone ?? (await this.zoneOf(user.community)));
    const alive = s.lastDay >= today - 1;
    return { current: alive ? s.current : 0, best: s.best, answeredToday: s.lastDay === today };
  }

  async stats(user: UserRef): Promise<StatsView> {
    const s = await this.deps.scores.getStats(user);
    const byTopic = Object.entries(s.byTopic)
      .map(([topic, t]) => ({
        topic,
        label: (TOPICS as Record<string, string>)[topic] ?? topic,
        answered: t.answered,
        correct: t.correct,
        accuracy: t.answered === 0 ? 0 : t.correct / t.answered,
      }))
      .sort((a, b) => b.answered - a.answered || a.topic.localeCompare(b.topic));
    const weakest = byTopic
      .filter((t) => t.answered >= 2 && t.accuracy < 1)
      .sort((a, b) => a.accuracy - b.accuracy || b.answered - a.answered)
      .slice(0, 3);
    return {
      answered: s.answered,
      correct: s.correct,
      accuracy: s.answered === 0 ? 0 : s.correct / s.answered,
      points: s.points,
      byTopic,
      weakest,
    };
  }

  /** Answers per day for the heat map; no store, no counts. */
  async activity(user: UserRef, userZone?: string): Promise<ActivityView> {
    const today = localDay(this.deps.clock.now(), userZone ?? (await this.zoneOf(user.community)));
    const days = ACTIVITY_WEEKS * 7;
    const counts = (await this.deps.activity?.getActivity(user, today - days + 1, today)) ?? new Map<number, number>();
    return { today, days, counts };
  }

  /** One page of a board; `memberId` is a user id, or the asking user's team key on team boards. */
  async leaderboard(c: Community, scope: BoardScope, period: BoardPeriod, page: number, memberId: string): Promise<LeaderboardView> {
    const periods = periodsAt(this.deps.clock.now(), await this.zoneOf(c));
    const key = period === 'all' ? 'all' : periods[period];
    const safePage = Math.max(1, Math.floor(page));
    const view = await this.deps.scores.getLeaderboard(c, { scope, period, key }, (safePage - 1) * LEADERBOARD_PAGE_SIZE, LEADERBOARD_PAGE_SIZE, memberId);
    return { ...view, scope, period, key, page: safePage, pages: Math.max(1, Math.ceil(view.total / LEADERBOARD_PAGE_SIZE)) };
  }
}

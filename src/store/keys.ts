import { communityKey, type Community } from '../core/identity.js';
import type { BoardRef } from '../core/leaderboard.js';

/**
 * The one place that names keys. Every key of a community carries the same hash tag
 * ({platform:id}), so multi-key scripts stay in one slot on Redis Cluster.
 */
export class CommunityKeys {
  /**
   * "prefix{platform:id}:", the start of every key of the community (lua/record-answer-1.lua names
   * its keys from it). Methods on the prototype: naming a key allocates only the key itself.
   */
  readonly base: string;

  constructor(prefix: string, c: Community) {
    this.base = `${prefix}{${communityKey(c)}}:`;
  }

  delivery(id: string): string {
    return `${this.base}d:${id}`;
  }
  answered(id: string): string {
    return `${this.base}d:${id}:answered`;
  }
  hints(id: string): string {
    return `${this.base}d:${id}:hints`;
  }
  results(id: string): string {
    return `${this.base}d:${id}:results`;
  }
  outcomes(id: string): string {
    return `${this.base}d:${id}:outcomes`;
  }
  scored(userId: string, questionId: string): string {
    return `${this.base}u:${userId}:scored:${questionId}`;
  }
  stats(userId: string): string {
    return `${this.base}u:${userId}:stats`;
  }
  /**
   * Streak (last, current, best), and the click's copies of the member's display name and team
   * ("name", "team": lua/record-answer-1.lua reads them here instead of the community's hashes).
   */
  streak(userId: string): string {
    return `${this.base}u:${userId}:streak`;
  }
  recent(userId: string): string {
    return `${this.base}u:${userId}:recent`;
  }
  /** A member's FSRS cards: hash questionId -> CardRecord JSON; due index: zset questionId by due ms. */
  cards(userId: string): string {
    return `${this.base}u:${userId}:cards`;
  }
  cardsDue(userId: string): string {
    return `${this.base}u:${userId}:cards:due`;
  }
  /** Answers not yet in the member's stats, heat map and cards: a list, oldest first (redis-pending.ts folds it). */
  pendingAnswers(userId: string): string {
    return `${this.base}u:${userId}:pending`;
  }
  /**
   * The queue of reviews only, from before stats and the heat map were queued too: still folded
   * (redis-pending.ts), and still written by a process running the older scripts during a rolling
   * deploy, which would drop entries of the newer kind as unreadable; so each kind has its own key.
   */
  pendingReviews(userId: string): string {
    return `${this.base}u:${userId}:cards:pending`;
  }
  /** Retention tally: hash reviews, recalled. */
  reviewTally(userId: string): string {
    return `${this.base}u:${userId}:reviews`;
  }
  /** Answers per local day (ActivityStore): a hash day -> count. */
  activity(userId: string): string {
    return `${this.base}u:${userId}:activity`;
  }
  board(b: Pick<BoardRef, 'scope' | 'key'>): string {
    return `${this.base}lb:${b.scope}:${b.key}`;
  }
  teamOf(): string {
    return `${this.base}team-of`;
  }
  teams(): string {
    return `${this.base}teams`;
  }
  teamSizes(): string {
    return `${this.base}team-sizes`;
  }
  names(): string {
    return `${this.base}names`;
  }
  settings(): string {
    return `${this.base}settings`;
  }
  schedules(): string {
    return `${this.base}daily:schedules`;
  }
  slot(channelId: string, slot: string): string {
    return `${this.base}daily:${channelId}:slot:${slot}`;
  }
  usedDaily(channelId: string): string {
    return `${this.base}daily:${channelId}:used`;
  }
  /** An adapter's session value (SessionStore). */
  session(key: string): string {
    return `${this.base}s:${key}`;
  }
  aiMemberCount(day: string, userId: string): string {
    return `${this.base}ai:${day}:u:${userId}`;
  }
  aiCommunityCount(day: string): string {
    return `${this.base}ai:${day}:all`;
  }
  aiCache(key: string): string {
    return `${this.base}ai:cache:${key}`;
  }
  aiTokens(day: string): string {
    return `${this.base}ai:${day}:tokens`;
  }
  /** A member's practice reminder (a hash: time, timeZone, nextAt, createdAt). */
  reminder(userId: string): string {
    return `${this.base}remind:${userId}`;
  }
  /** Packs: name -> summary JSON; a pack's source and questions; the names turned off. */
  packs(): string {
    return `${this.base}packs`;
  }
  packBody(name: string): string {
    return `${this.base}pack:${name}`;
  }
  packsOff(): string {
    return `${this.base}packs-off`;
  }
  /** Reports: userId -> report JSON per question; the questions with open reports; the paused ones. */
  reports(questionId: string): string {
    return `${this.base}reports:${questionId}`;
  }
  reported(): string {
    return `${this.base}reported`;
  }
  paused(): string {
    return `${this.base}paused`;
  }
  reportRate(userId: string): string {
    return `${this.base}u:${userId}:report-rate`;
  }
}

export const communityKeys = (prefix: string, c: Community) => new CommunityKeys(prefix, c);

/**
 * The scheduler's index of channels with a schedule, across communities: "platform:id|channelId".
 * It is the one key outside any community's hash tag; it is only used alone.
 */
export const scheduleIndexKey = (prefix: string) => `${prefix}daily:index`;

/**
 * The scheduler's index of practice reminders across communities: a sorted set of
 * "platform:id|userId" scored by the reminder's next time, so a tick reads only the due ones. One
 * key outside every hash tag, used alone (never in a script with a community's keys); a reminder's
 * own hash is the truth, and the index is repaired from it when the two disagree.
 */
export const reminderIndexKey = (prefix: string) => `${prefix}remind:index`;

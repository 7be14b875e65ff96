import { communityKey, type Community } from '../core/identity.js';
import type { BoardRef } from '../core/leaderboard.js';

/**
 * The one place that names keys. Every key of a community carries the same hash tag
 * ({platform:id}), so multi-key scripts stay in one slot on Redis Cluster.
 */
export function communityKeys(prefix: string, c: Community) {
  const base = `${prefix}{${communityKey(c)}}:`;
  return {
    delivery: (id: string) => `${base}d:${id}`,
    answered: (id: string) => `${base}d:${id}:answered`,
    hints: (id: string) => `${base}d:${id}:hints`,
    results: (id: string) => `${base}d:${id}:results`,
    outcomes: (id: string) => `${base}d:${id}:outcomes`,
    scored: (userId: string, questionId: string) => `${base}u:${userId}:scored:${questionId}`,
    stats: (userId: string) => `${base}u:${userId}:stats`,
    streak: (userId: string) => `${base}u:${userId}:streak`,
    recent: (userId: string) => `${base}u:${userId}:recent`,
    /** A member's FSRS cards: hash questionId -> CardRecord JSON; due index: zset questionId by due ms. */
    cards: (userId: string) => `${base}u:${userId}:cards`,
    cardsDue: (userId: string) => `${base}u:${userId}:cards:due`,
    /** Retention tally: hash reviews, recalled. */
    reviewTally: (userId: string) => `${base}u:${userId}:reviews`,
    /** Answers per local day (ActivityStore): a hash day -> count. */
    activity: (userId: string) => `${base}u:${userId}:activity`,
    board: (b: Pick<BoardRef, 'scope' | 'key'>) => `${base}lb:${b.scope}:${b.key}`,
    teamOf: () => `${base}team-of`,
    teams: () => `${base}teams`,
    teamSizes: () => `${base}team-sizes`,
    names: () => `${base}names`,
    settings: () => `${base}settings`,
    schedules: () => `${base}daily:schedules`,
    slot: (channelId: string, slot: string) => `${base}daily:${channelId}:slot:${slot}`,
    usedDaily: (channelId: string) => `${base}daily:${channelId}:used`,
    /** An adapter's session value (SessionStore). */
    session: (key: string) => `${base}s:${key}`,
    aiMemberCount: (day: string, userId: string) => `${base}ai:${day}:u:${userId}`,
    aiCommunityCount: (day: string) => `${base}ai:${day}:all`,
    aiCache: (key: string) => `${base}ai:cache:${key}`,
    aiTokens: (day: string) => `${base}ai:${day}:tokens`,
    /** A member's practice reminder (a hash: time, timeZone, nextAt, createdAt). */
    reminder: (userId: string) => `${base}remind:${userId}`,
    /** Packs: name -> summary JSON; a pack's source and questions; the names turned off. */
    packs: () => `${base}packs`,
    packBody: (name: string) => `${base}pack:${name}`,
    packsOff: () => `${base}packs-off`,
    /** Reports: userId -> report JSON per question; the questions with open reports; the paused ones. */
    reports: (questionId: string) => `${base}reports:${questionId}`,
    reported: () => `${base}reported`,
    paused: () => `${base}paused`,
    reportRate: (userId: string) => `${base}u:${userId}:report-rate`,
  };
}

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

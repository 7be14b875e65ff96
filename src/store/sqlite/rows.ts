import { NO_STREAK } from '../../core/answer-rules.js';
import type { DailySlot } from '../../core/daily/schedule.js';
import type { StreakRecord } from '../../core/answer-rules.js';
import type { TeamInfo } from '../../core/team.js';
import type { SqliteDatabase } from './database.js';

/** Reads shared by the main thread's queries and the writer's transactions. `c` is communityKey(). */

export function streakOf(sql: SqliteDatabase, c: string, userId: string): StreakRecord {
  const row = sql.get<{ current: number; best: number; last_day: number }>('SELECT current, best, last_day FROM streaks WHERE community = ? AND user_id = ?', c, userId);
  return row ? { current: row.current, best: row.best, lastDay: row.last_day } : { ...NO_STREAK };
}

export function teamOf(sql: SqliteDatabase, c: string, userId: string): string | undefined {
  return sql.get<{ team_key: string }>('SELECT team_key FROM team_members WHERE community = ? AND user_id = ?', c, userId)?.team_key;
}

export function teamInfo(sql: SqliteDatabase, c: string, key: string): TeamInfo {
  const row = sql.get<{ name: string; members: number }>('SELECT name, members FROM teams WHERE community = ? AND team_key = ?', c, key);
  return { key, name: row?.name ?? key, members: row?.members ?? 0 };
}

export function recentOf(sql: SqliteDatabase, c: string, userId: string): string[] {
  const row = sql.get<{ questions: string }>('SELECT questions FROM recent WHERE community = ? AND user_id = ?', c, userId);
  return row ? (JSON.parse(row.questions) as string[]) : [];
}

/** A daily slot that has not expired at `now`, or null. */
export function slotOf(sql: SqliteDatabase, c: string, channelId: string, slot: string, now: number): DailySlot | null {
  const r = sql.get<Record<string, string | number | null>>('SELECT * FROM slots WHERE community = ? AND channel_id = ? AND slot = ? AND expires_at > ?', c, channelId, slot, now);
  if (!r) return null;
  const opt = <T>(v: unknown) => (v === null ? undefined : (v as T));
  return {
    state: r['state'] as DailySlot['state'],
    token: String(r['token']),
    claimedAt: Number(r['claimed_at']),
    deliveryId: opt<string>(r['delivery_id']),
    messageId: opt<string>(r['message_id']),
    postedAt: opt<number>(r['posted_at']),
    revealAt: opt<number>(r['reveal_at']),
  };
}

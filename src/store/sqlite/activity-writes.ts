import { communityKey as ck, type UserRef } from '../../core/identity.js';
import type { SqliteDatabase } from './database.js';

/** One more answer on `day` (migration 0007), as lua/record-answer-1.lua counts it: run inside recordAnswer's transaction. */
export function countDay(sql: SqliteDatabase, now: number, user: UserRef, day: number, keepDays: number, ttlMs: number): void {
  const c = ck(user.community);
  const expires = now + ttlMs;
  // Expired rows are gone for readers; a new answer must not revive their counts.
  sql.run('DELETE FROM activity WHERE community = ? AND user_id = ? AND (day < ? OR expires_at <= ?)', c, user.userId, day - keepDays, now);
  const counted = sql.get<{ n: number }>('INSERT INTO activity (community, user_id, day, n, expires_at) VALUES (?, ?, ?, 1, ?) ON CONFLICT DO UPDATE SET n = n + 1 RETURNING n', c, user.userId, day, expires);
  // A day's first answer renews the member's record; later answers that day only count.
  if (counted?.n === 1) sql.run('UPDATE activity SET expires_at = ? WHERE community = ? AND user_id = ?', expires, c, user.userId);
}

export function activityRows(sql: SqliteDatabase, now: number, user: UserRef, fromDay: number, toDay: number): Map<number, number> {
  const rows = sql.all<{ day: number; n: number }>(
    'SELECT day, n FROM activity WHERE community = ? AND user_id = ? AND day BETWEEN ? AND ? AND expires_at > ?',
    ck(user.community), user.userId, fromDay, toDay, now,
  );
  return new Map(rows.map((r) => [r.day, r.n]));
}

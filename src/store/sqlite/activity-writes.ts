import type { ActivityAnswer } from '../../core/activity-store.js';
import { communityKey as ck, type UserRef } from '../../core/identity.js';
import type { SqliteDatabase } from './database.js';

/** Answers per day (migration 0007), as lua/record-activity-2.lua keeps them: one transaction in the writer thread. */
function recordActivity(sql: SqliteDatabase, now: number, user: UserRef, a: ActivityAnswer): boolean {
  const c = ck(user.community);
  // Once per delivery: a live mark means this answer was counted already.
  sql.run('DELETE FROM activity_counted WHERE community = ? AND delivery_id = ? AND user_id = ? AND expires_at <= ?', c, a.deliveryId, user.userId, now);
  const marked = sql.run('INSERT OR IGNORE INTO activity_counted (community, delivery_id, user_id, expires_at) VALUES (?, ?, ?, ?)', c, a.deliveryId, user.userId, now + a.repeatTtlMs);
  if (marked === 0) return false;
  const expires = now + a.ttlMs;
  // Expired rows are gone for readers; a new answer must not revive their counts.
  sql.run('DELETE FROM activity WHERE community = ? AND user_id = ? AND (day < ? OR expires_at <= ?)', c, user.userId, a.day - a.keepDays, now);
  sql.run('INSERT INTO activity (community, user_id, day, n, expires_at) VALUES (?, ?, ?, 1, ?) ON CONFLICT DO UPDATE SET n = n + 1', c, user.userId, a.day, expires);
  sql.run('UPDATE activity SET expires_at = ? WHERE community = ? AND user_id = ?', expires, c, user.userId);
  return true;
}

export const ACTIVITY_WRITES = { recordActivity };

export function activityRows(sql: SqliteDatabase, now: number, user: UserRef, fromDay: number, toDay: number): Map<number, number> {
  const rows = sql.all<{ day: number; n: number }>(
    'SELECT day, n FROM activity WHERE community = ? AND user_id = ? AND day BETWEEN ? AND ? AND expires_at > ?',
    ck(user.community), user.userId, fromDay, toDay, now,
  );
  return new Map(rows.map((r) => [r.day, r.n]));
}

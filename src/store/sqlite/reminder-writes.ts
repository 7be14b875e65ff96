import { communityKey as ck, type Community } from '../../core/identity.js';
import type { DueReminder, Reminder } from '../../core/learning/reminder.js';
import type { SqliteDatabase } from './database.js';

/** The ReminderStore's writes (migration 0006), run by the writer thread like writes.ts. */

function saveReminder(sql: SqliteDatabase, _now: number, c: Community, r: Reminder): void {
  sql.run(
    'INSERT OR REPLACE INTO reminders (community, user_id, time, time_zone, next_at, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    ck(c), r.userId, r.time, r.timeZone, r.nextAt, r.createdAt,
  );
}

function deleteReminder(sql: SqliteDatabase, _now: number, c: Community, userId: string): boolean {
  return sql.run('DELETE FROM reminders WHERE community = ? AND user_id = ?', ck(c), userId) > 0;
}

/** lua/advance-reminder-1.lua: compare-and-set on next_at. */
function advanceReminder(sql: SqliteDatabase, _now: number, c: Community, userId: string, from: number, to: number): boolean {
  return sql.run('UPDATE reminders SET next_at = ? WHERE community = ? AND user_id = ? AND next_at = ?', to, ck(c), userId, from) > 0;
}

export const REMINDER_WRITES = { saveReminder, deleteReminder, advanceReminder };

interface ReminderRow {
  community: string;
  user_id: string;
  time: string;
  time_zone: string;
  next_at: number;
  created_at: number;
}

const toReminder = (r: ReminderRow): Reminder => ({ userId: r.user_id, time: r.time, timeZone: r.time_zone, nextAt: r.next_at, createdAt: r.created_at });

/** Reads, on the main thread's read-only connection. */
export function readReminder(sql: SqliteDatabase, c: Community, userId: string): Reminder | null {
  const row = sql.get<ReminderRow>('SELECT * FROM reminders WHERE community = ? AND user_id = ?', ck(c), userId);
  return row ? toReminder(row) : null;
}

export function readDueReminders(sql: SqliteDatabase, now: number, limit: number): DueReminder[] {
  return sql.all<ReminderRow>('SELECT * FROM reminders WHERE next_at <= ? ORDER BY next_at LIMIT ?', now, limit).map((r) => {
    const colon = r.community.indexOf(':');
    return { community: { platform: r.community.slice(0, colon), id: r.community.slice(colon + 1) }, reminder: toReminder(r) };
  });
}

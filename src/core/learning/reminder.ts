import { DateTime } from 'luxon';
import type { Community } from '../identity.js';
import { parseClock, wallClockInstant } from '../daily/schedule-time.js';

/** A member's daily practice reminder: a direct message at a local time on days with due reviews. */
export interface Reminder {
  userId: string;
  /** "HH:MM", 24-hour, in `timeZone`. */
  time: string;
  timeZone: string;
  /** The next time it is looked at (epoch ms); the scheduler moves it a day on after each look. */
  nextAt: number;
  createdAt: number;
}

export interface DueReminder {
  community: Community;
  reminder: Reminder;
}

/** The first instant strictly after `after` at which the wall-clock `time` happens in `zone`. */
export function nextReminderAt(time: string, zone: string, after: number): number {
  const { hour, minute } = parseClock(time);
  const day = DateTime.fromMillis(after, { zone }).startOf('day');
  for (let i = 0; i <= 2; i++) {
    const d = day.plus({ days: i });
    const at = wallClockInstant({ year: d.year, month: d.month, day: d.day }, hour, minute, zone);
    if (at > after) return at;
  }
  return after + 86_400_000;
}

/** The member's local date of an instant: one reminder per member and local day. */
export const reminderDay = (at: number, zone: string) => DateTime.fromMillis(at, { zone }).toISODate() ?? '';

import { DateTime } from 'luxon';
import type { DailySchedule } from './schedule.js';

/** One scheduled post: the slot is the local date, e.g. "2026-11-23". */
export interface Occurrence {
  slot: string;
  postAt: number;
  revealAt: number;
}

const MINUTE = 60_000;

/** Orders local wall-clock times: 2026-03-29 02:30 -> 202603290230. */
const wallKey = (d: DateTime) => d.year * 1e8 + d.month * 1e6 + d.day * 1e4 + d.hour * 100 + d.minute;

/**
 * The instant a local wall-clock time happens in a zone. A time that does not exist (inside a
 * spring-forward gap) moves to the first valid minute after it: 02:30 on a 02:00→03:00 night is 03:00.
 * A time that happens twice (fall-back) is its first occurrence.
 */
export function wallClockInstant(date: { year: number; month: number; day: number }, hour: number, minute: number, zone: string): number {
  const wanted = date.year * 1e8 + date.month * 1e6 + date.day * 1e4 + hour * 100 + minute;
  const dt = DateTime.fromObject({ ...date, hour, minute }, { zone });
  let t = dt.toMillis();
  if (dt.hour === hour && dt.minute === minute) {
    // Ambiguous times: prefer the earlier instant if it shows the same wall-clock time.
    const earlier = DateTime.fromMillis(t - 60 * MINUTE, { zone });
    return wallKey(earlier) === wanted ? earlier.toMillis() : t;
  }
  // In a gap luxon moved forward by the gap's length; walk back to the first minute after it.
  while (wallKey(DateTime.fromMillis(t - MINUTE, { zone })) > wanted) t -= MINUTE;
  return t;
}

export function parseClock(time: string): { hour: number; minute: number } {
  const [h = '0', m = '0'] = time.split(':');
  return { hour: Number(h), minute: Number(m) };
}

/** The occurrence on a local date, or null when the schedule skips that weekday. */
export function occurrenceOn(localDate: DateTime, s: DailySchedule): Occurrence | null {
  if (!s.weekdays.includes(localDate.weekday)) return null;
  const { hour, minute } = parseClock(s.time);
  const postAt = wallClockInstant({ year: localDate.year, month: localDate.month, day: localDate.day }, hour, minute, s.timeZone);
  return { slot: localDate.toISODate() ?? '', postAt, revealAt: postAt + s.revealAfterMinutes * MINUTE };
}

/**
 * The slots whose post or reveal may be due now: local yesterday and today, each with its
 * scheduled occurrence, or null on a skipped weekday (a manual post may still need revealing).
 */
export function recentSlots(s: DailySchedule, now: number): { slot: string; occurrence: Occurrence | null }[] {
  const today = DateTime.fromMillis(now, { zone: s.timeZone }).startOf('day');
  return [today.minus({ days: 1 }), today].map((d) => ({ slot: d.toISODate() ?? '', occurrence: occurrenceOn(d, s) }));
}

/** The next post strictly after `now`, looking up to two weeks ahead. */
export function nextOccurrence(s: DailySchedule, now: number): Occurrence | null {
  const today = DateTime.fromMillis(now, { zone: s.timeZone }).startOf('day');
  for (let i = 0; i <= 14; i++) {
    const occ = occurrenceOn(today.plus({ days: i }), s);
    if (occ && occ.postAt > now) return occ;
  }
  return null;
}

/** The local date of an instant in the schedule's zone: today's slot. */
export function slotAt(now: number, zone: string): string {
  return DateTime.fromMillis(now, { zone }).toISODate() ?? '';
}

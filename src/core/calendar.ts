import { DateTime, IANAZone } from 'luxon';

export const DEFAULT_TIME_ZONE = 'UTC';

export function isValidTimeZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

/** The calendar day (days since 1970-01-01) that an instant falls on in a time zone. */
export function localDay(nowMs: number, zone: string): number {
  const d = DateTime.fromMillis(nowMs, { zone });
  return Math.round(DateTime.utc(d.year, d.month, d.day).toMillis() / 86_400_000);
}

/** "2026-11-23" for a day number from localDay. */
export function dayLabel(day: number): string {
  return DateTime.fromMillis(day * 86_400_000, { zone: 'UTC' }).toISODate() ?? String(day);
}

export interface Periods {
  /** ISO week, e.g. "2026-W48". */
  week: string;
  /** Calendar month, e.g. "2026-11". */
  month: string;
  /** When each period ends (exclusive), in ms since the epoch. */
  weekEndsAt: number;
  monthEndsAt: number;
}

/** The leaderboard periods an instant belongs to, in the community's time zone. */
export function periodsAt(nowMs: number, zone: string): Periods {
  const d = DateTime.fromMillis(nowMs, { zone });
  return {
    week: `${d.weekYear}-W${String(d.weekNumber).padStart(2, '0')}`,
    month: d.toFormat('yyyy-MM'),
    weekEndsAt: d.startOf('week').plus({ weeks: 1 }).toMillis(),
    monthEndsAt: d.startOf('month').plus({ months: 1 }).toMillis(),
  };
}

interface DayCalendar {
  /** The local day [from, until) in ms, and what localDay and periodsAt say for any instant in it. */
  from: number;
  until: number;
  day: number;
  periods: Periods;
}
/** One entry per zone (a few hundred at most): the day an answer was last recorded in. */
const days = new Map<string, DayCalendar>();

/**
 * localDay and periodsAt of an instant, computed with luxon once per zone and local day instead of
 * once per answer: a week or month always starts at the start of a day, so both hold all day.
 */
export function calendarAt(nowMs: number, zone: string): { day: number; periods: Periods } {
  const hit = days.get(zone);
  if (hit && nowMs >= hit.from && nowMs < hit.until) return hit;
  const start = DateTime.fromMillis(nowMs, { zone }).startOf('day');
  const entry = { from: start.toMillis(), until: start.plus({ days: 1 }).toMillis(), day: localDay(nowMs, zone), periods: periodsAt(nowMs, zone) };
  if (days.size >= 1000) days.clear();
  days.set(zone, entry);
  return entry;
}

/**
 * How long a finished week's or month's board is kept readable ("last week", "last month") before
 * its keys expire.
 */
export const ARCHIVE_MS = { week: 5 * 7 * 86_400_000, month: 400 * 86_400_000 } as const;

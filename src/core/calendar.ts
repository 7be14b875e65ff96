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

/**
 * How long a finished week's or month's board is kept readable ("last week", "last month") before
 * its keys expire.
 */
export const ARCHIVE_MS = { week: 5 * 7 * 86_400_000, month: 400 * 86_400_000 } as const;

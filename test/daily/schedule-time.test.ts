import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { nextOccurrence, occurrenceOn, wallClockInstant } from '../../src/core/daily/schedule-time.js';
import { parseTime, parseTimeZone, parseWeekdays, parseFilters } from '../../src/core/daily/schedule-input.js';
import type { DailySchedule } from '../../src/core/daily/schedule.js';
import type { Result } from '../../src/core/result.js';
import { userErrorText } from '../../src/views/errors.js';

/** A result's user error as Discord or the console words it; '' for a success. */
const words = (r: Result<unknown>) => (r.ok ? '' : userErrorText(r, (c) => `/${c}`));

const schedule = (over: Partial<DailySchedule> = {}): DailySchedule => ({
  channelId: 'c1', time: '09:00', timeZone: 'Europe/Berlin', weekdays: [1, 2, 3, 4, 5, 6, 7], mode: 'choice',
  revealAfterMinutes: 480, createdBy: 'admin', createdAt: 0, ...over,
});
const iso = (ms: number) => new Date(ms).toISOString();
const day = (isoDate: string, zone: string) => DateTime.fromISO(isoDate, { zone });

describe('daily schedule times', () => {
  it('keeps 09:00 Berlin at 09:00 local across both DST changes', () => {
    const s = schedule();
    expect(iso(occurrenceOn(day('2026-03-28', 'Europe/Berlin'), s)!.postAt)).toBe('2026-03-28T08:00:00.000Z');
    expect(iso(occurrenceOn(day('2026-03-29', 'Europe/Berlin'), s)!.postAt)).toBe('2026-03-29T07:00:00.000Z');
    expect(iso(occurrenceOn(day('2026-10-24', 'Europe/Berlin'), s)!.postAt)).toBe('2026-10-24T07:00:00.000Z');
    expect(iso(occurrenceOn(day('2026-10-25', 'Europe/Berlin'), s)!.postAt)).toBe('2026-10-25T08:00:00.000Z');
    expect(occurrenceOn(day('2026-10-25', 'Europe/Berlin'), s)!.revealAt - occurrenceOn(day('2026-10-25', 'Europe/Berlin'), s)!.postAt).toBe(8 * 3_600_000);
  });

  it('moves a time inside the spring-forward gap to the first valid minute after it', () => {
    // Berlin, 2026-03-29: 02:00 jumps to 03:00 (01:00 UTC).
    expect(iso(wallClockInstant({ year: 2026, month: 3, day: 29 }, 2, 30, 'Europe/Berlin'))).toBe('2026-03-29T01:00:00.000Z');
    expect(iso(wallClockInstant({ year: 2026, month: 3, day: 29 }, 2, 0, 'Europe/Berlin'))).toBe('2026-03-29T01:00:00.000Z');
    expect(iso(wallClockInstant({ year: 2026, month: 3, day: 29 }, 3, 0, 'Europe/Berlin'))).toBe('2026-03-29T01:00:00.000Z');
    expect(iso(wallClockInstant({ year: 2026, month: 3, day: 29 }, 3, 1, 'Europe/Berlin'))).toBe('2026-03-29T01:01:00.000Z');
    // New York, 2026-03-08 02:15 does not exist: 03:00 EDT.
    expect(iso(wallClockInstant({ year: 2026, month: 3, day: 8 }, 2, 15, 'America/New_York'))).toBe('2026-03-08T07:00:00.000Z');
  });

  it('posts a time that happens twice (fall-back) at its first occurrence', () => {
    // New York, 2026-11-01: 01:30 EDT (05:30 UTC) and again 01:30 EST (06:30 UTC).
    expect(iso(wallClockInstant({ year: 2026, month: 11, day: 1 }, 1, 30, 'America/New_York'))).toBe('2026-11-01T05:30:00.000Z');
  });

  it('skips weekdays that are not selected and finds the next post', () => {
    const weekdays = schedule({ weekdays: [1, 2, 3, 4, 5], timeZone: 'UTC' });
    expect(occurrenceOn(day('2026-11-28', 'UTC'), weekdays)).toBeNull(); // Saturday
    expect(occurrenceOn(day('2026-11-27', 'UTC'), weekdays)?.slot).toBe('2026-11-27');
    // Friday after 09:00 -> Monday 09:00.
    expect(iso(nextOccurrence(weekdays, Date.parse('2026-11-27T10:00:00Z'))!.postAt)).toBe('2026-11-30T09:00:00.000Z');
    expect(iso(nextOccurrence(weekdays, Date.parse('2026-11-27T08:59:00Z'))!.postAt)).toBe('2026-11-27T09:00:00.000Z');
  });

  it('parses setup input and says what is valid', () => {
    expect(parseTime('9:05')).toEqual({ ok: true, value: '09:05' });
    for (const bad of ['24:00', '9', '09:60', 'nine']) expect(words(parseTime(bad))).toContain('HH:MM');
    expect(parseTimeZone('Europe/Berlin')).toEqual({ ok: true, value: 'Europe/Berlin' });
    expect(words(parseTimeZone('CET+9'))).toContain('IANA');
    expect(parseWeekdays('mon-wed,fri')).toEqual({ ok: true, value: [1, 2, 3, 5] });
    expect(parseWeekdays('weekends')).toEqual({ ok: true, value: [6, 7] });
    expect(parseWeekdays(undefined)).toEqual({ ok: true, value: [1, 2, 3, 4, 5, 6, 7] });
    expect(words(parseWeekdays('fri-mon'))).toContain('mon,wed,fri');
  });

  it('accepts day names and their standard abbreviations only, not anything that starts like one', () => {
    expect(parseWeekdays('Monday, Tues,weds thurs-friday')).toEqual({ ok: true, value: [1, 2, 3, 4, 5] });
    expect(parseWeekdays('sat-sunday')).toEqual({ ok: true, value: [6, 7] });
    for (const garbage of ['monkey,wedge', 'sunshine', 'frisbee', 'mo', 'satu', 'mon-', 'mon-wed-fri', 'wednesdays']) {
      expect(parseWeekdays(garbage), garbage).toMatchObject({ ok: false, code: 'INVALID_OPTION' });
    }
  });

  it('still words reveal-hours and topic problems', () => {
    expect(words(parseFilters({ revealHours: 0 }))).toContain('1 to 23');
    expect(parseFilters({ topic: 'astrology' })).toMatchObject({ ok: false, code: 'UNKNOWN_TOPIC' });
  });
});

import { TOPIC_IDS, DIFFICULTIES } from '../bank/schema.js';
import { isValidTimeZone } from '../calendar.js';
import { fail, ok, type Result } from '../result.js';
import { QUIZ_MODES, type QuizMode } from '../store.js';

export const DEFAULT_REVEAL_HOURS = 8;
const DAY_NAMES = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const ALL_DAYS = [1, 2, 3, 4, 5, 6, 7];

/** "9:05" or "09:05" -> "09:05"; anything else is refused with the valid form. */
export function parseTime(raw: string): Result<string> {
  const m = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(raw.trim());
  if (!m) return fail('INVALID_OPTION', `"${raw.slice(0, 20)}" is not a time. Use HH:MM on a 24-hour clock, for example 09:00 or 17:30.`);
  return ok(`${m[1]!.padStart(2, '0')}:${m[2]}`);
}

export function parseTimeZone(raw: string): Result<string> {
  const zone = raw.trim();
  if (!isValidTimeZone(zone)) {
    return fail('INVALID_OPTION', `"${zone.slice(0, 40)}" is not a known time zone. Use an IANA name such as Europe/Berlin, America/New_York, Asia/Kolkata or UTC.`);
  }
  return ok(zone);
}

/** "daily", "weekdays", "weekends", "mon,wed,fri", "mon-fri" -> ISO weekdays. */
export function parseWeekdays(raw: string | undefined): Result<number[]> {
  const text = (raw ?? 'daily').trim().toLowerCase();
  const invalid = fail('INVALID_OPTION', `"${text.slice(0, 40)}" is not a set of weekdays. Use daily, weekdays, weekends, a list such as mon,wed,fri, or a range such as mon-thu.`);
  if (text === 'daily' || text === 'every day' || text === 'all') return ok(ALL_DAYS);
  if (text === 'weekdays') return ok([1, 2, 3, 4, 5]);
  if (text === 'weekends') return ok([6, 7]);
  const days = new Set<number>();
  for (const part of text.split(/[,\s]+/).filter(Boolean)) {
    const [a, b] = part.split('-');
    const from = DAY_NAMES.indexOf(a?.slice(0, 3) as never) + 1;
    const to = b === undefined ? from : DAY_NAMES.indexOf(b.slice(0, 3) as never) + 1;
    if (from < 1 || to < 1 || to < from) return invalid;
    for (let d = from; d <= to; d++) days.add(d);
  }
  return days.size === 0 ? invalid : ok([...days].sort());
}

export function describeWeekdays(days: readonly number[]): string {
  if (days.length === 7) return 'every day';
  if (days.join() === '1,2,3,4,5') return 'weekdays';
  if (days.join() === '6,7') return 'weekends';
  return days.map((d) => DAY_NAMES[d - 1]).join(', ');
}

export interface ScheduleFilters {
  topic?: string | undefined;
  difficulty?: string | undefined;
  mode: QuizMode;
  revealAfterMinutes: number;
}

export function parseFilters(raw: { topic?: string; difficulty?: string; mode?: string; revealHours?: number }): Result<ScheduleFilters> {
  if (raw.topic !== undefined && !TOPIC_IDS.includes(raw.topic as never)) return fail('UNKNOWN_TOPIC', `Unknown topic "${raw.topic}". Valid topics: ${TOPIC_IDS.join(', ')}.`);
  if (raw.difficulty !== undefined && !DIFFICULTIES.includes(raw.difficulty as never)) return fail('INVALID_OPTION', `Difficulty must be one of ${DIFFICULTIES.join(', ')}.`);
  const mode = (raw.mode ?? 'choice') as QuizMode;
  if (!QUIZ_MODES.includes(mode)) return fail('INVALID_OPTION', `Mode must be one of ${QUIZ_MODES.join(', ')}.`);
  const hours = raw.revealHours ?? DEFAULT_REVEAL_HOURS;
  if (!Number.isInteger(hours) || hours < 1 || hours > 23) return fail('INVALID_OPTION', 'The reveal delay must be a whole number of hours from 1 to 23.');
  return ok({ topic: raw.topic, difficulty: raw.difficulty, mode, revealAfterMinutes: hours * 60 });
}

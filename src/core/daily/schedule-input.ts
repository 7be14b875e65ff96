import { TOPIC_IDS, DIFFICULTIES } from '../bank/schema.js';
import { isValidTimeZone } from '../calendar.js';
import { fail, ok, type Result } from '../result.js';
import { QUIZ_MODES, type QuizMode } from '../quiz/delivery.js';

export const DEFAULT_REVEAL_HOURS = 8;
export const MIN_REVEAL_HOURS = 1;
export const MAX_REVEAL_HOURS = 23;
const DAY_NAMES = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
// Full names and the usual abbreviations only: matching by prefix took "monkey" for Monday.
const DAY_WORDS: ReadonlyMap<string, number> = new Map(
  [
    ['monday', 'mon'],
    ['tuesday', 'tue', 'tues'],
    ['wednesday', 'wed', 'weds'],
    ['thursday', 'thu', 'thur', 'thurs'],
    ['friday', 'fri'],
    ['saturday', 'sat'],
    ['sunday', 'sun'],
  ].flatMap((words, i) => words.map((w) => [w, i + 1] as const)),
);
const ALL_DAYS = [1, 2, 3, 4, 5, 6, 7];

/** "9:05" or "09:05" -> "09:05"; anything else is refused with the valid form. */
export function parseTime(raw: string): Result<string> {
  const m = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(raw.trim());
  if (!m) return fail('INVALID_OPTION', { option: 'time', value: raw });
  return ok(`${m[1]!.padStart(2, '0')}:${m[2]}`);
}

export function parseTimeZone(raw: string): Result<string> {
  const zone = raw.trim();
  if (!isValidTimeZone(zone)) {
    return fail('INVALID_OPTION', { option: 'timezone', value: zone });
  }
  return ok(zone);
}

/** "daily", "weekdays", "weekends", "mon,wed,fri", "mon-fri" -> ISO weekdays. */
export function parseWeekdays(raw: string | undefined): Result<number[]> {
  const text = (raw ?? 'daily').trim().toLowerCase();
  const invalid = fail('INVALID_OPTION', { option: 'weekdays', value: text });
  if (text === 'daily' || text === 'every day' || text === 'all') return ok(ALL_DAYS);
  if (text === 'weekdays') return ok([1, 2, 3, 4, 5]);
  if (text === 'weekends') return ok([6, 7]);
  const days = new Set<number>();
  for (const part of text.split(/[,\s]+/).filter(Boolean)) {
    const range = part.split('-');
    if (range.length > 2) return invalid;
    const from = DAY_WORDS.get(range[0] ?? '');
    const to = range[1] === undefined ? from : DAY_WORDS.get(range[1]);
    if (from === undefined || to === undefined || to < from) return invalid;
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

/** `topics`: the community's topics (the bank's and its packs'). */
export function parseFilters(raw: { topic?: string; difficulty?: string; mode?: string; revealHours?: number }, topics: readonly string[] = TOPIC_IDS): Result<ScheduleFilters> {
  if (raw.topic !== undefined && !topics.includes(raw.topic)) return fail('UNKNOWN_TOPIC', { topic: raw.topic, valid: topics });
  if (raw.difficulty !== undefined && !DIFFICULTIES.includes(raw.difficulty as never)) return fail('INVALID_OPTION', { option: 'difficulty', valid: DIFFICULTIES });
  const mode = (raw.mode ?? 'choice') as QuizMode;
  if (!QUIZ_MODES.includes(mode)) return fail('INVALID_OPTION', { option: 'mode', valid: QUIZ_MODES });
  const hours = raw.revealHours ?? DEFAULT_REVEAL_HOURS;
  if (!Number.isInteger(hours) || hours < MIN_REVEAL_HOURS || hours > MAX_REVEAL_HOURS) return fail('INVALID_OPTION', { option: 'reveal-hours', min: MIN_REVEAL_HOURS, max: MAX_REVEAL_HOURS });
  return ok({ topic: raw.topic, difficulty: raw.difficulty, mode, revealAfterMinutes: hours * 60 });
}

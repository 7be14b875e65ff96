import type { QuizMode } from './quiz/delivery.js';


/**
 * Expected user failures are values, not exceptions: a code and the data that explains it. The
 * core writes no words; src/views/errors.ts renders each code with the platform's own way of
 * naming a command. Exceptions are kept for operational failures.
 */
export interface UserErrorParams {
  /** `daily`: the filter of a daily schedule rather than one quiz. */
  NO_QUESTIONS: { topic?: string | undefined; difficulty?: string | undefined; daily?: boolean };
  DELIVERY_NOT_FOUND: object;
  DELIVERY_CLOSED: object;
  NOT_YOUR_QUIZ: object;
  WRONG_MODE: { mode: QuizMode; requested: QuizMode };
  ALREADY_ANSWERED: object;
  INVALID_ANSWER: { problem: 'choice'; options: number } | { problem: 'empty' } | { problem: 'too-long'; length: number; max: number };
  INVALID_OPTION:
    | { option: 'team-name' | 'time' | 'timezone' | 'weekdays'; value: string; /** An existing team the name imitates with look-alike letters. */ lookalike?: string }
    | { option: 'difficulty' | 'mode' | 'rating'; valid: readonly string[] }
    | { option: 'reveal-hours' | 'length'; min: number; max: number };
  UNKNOWN_TOPIC: { topic: string; valid: readonly string[] };
  UNKNOWN_TEAM: { name: string; teams: readonly string[] };
  TEAM_CONFLICT: { team: string };
  NOT_IN_TEAM: object;
  /** `then`: what was asked of the missing schedule. */
  NO_SCHEDULE: { then: 'off' | 'status' | 'now' };
  DAILY_ALREADY_POSTED: { inProgress: boolean };
  DAILY_UNAVAILABLE: object;
  CHANNEL_REQUIRED: object;
  /** The platform cannot post there; `reason` is the adapter's own explanation, in its own terms. */
  FORBIDDEN: { reason: string };
  /** A button whose arguments no longer read (an old or tampered message). */
  STALE_ACTION: { command: string };
  /** No mock interview is running for the member (none started, stopped, or older than a day). */
  NO_INTERVIEW: object;
  /** A button of an interview question that is no longer the current one. */
  INTERVIEW_MOVED_ON: object;
  /** `remind off` or `remind status` without a reminder set. */
  NO_REMINDER: object;
  /** The platform cannot send direct messages (so no reminders there). */
  REMINDERS_UNAVAILABLE: object;
  /** A pack that failed to import: every problem (entry id, field, what is valid); nothing was stored. */
  PACK_INVALID: { problems: readonly { entry?: string | undefined; field: string; message: string }[] };
  PACK_LIMIT: { max: number };
  UNKNOWN_PACK: { name: string; packs: readonly string[] };
  /** The file given to import could not be read; `reason` says why in the adapter's terms. */
  PACK_FILE: { problem: 'missing' | 'too-large' | 'unreadable'; max?: number | undefined; detail?: string | undefined };
  REPORT_DUPLICATE: object;
  REPORT_RATE_LIMITED: { limit: number; windowMinutes: number };
  NO_REPORTS: { questionId: string };
}

export type UserErrorCode = keyof UserErrorParams;

export type UserError = { [C in UserErrorCode]: { ok: false; code: C; params: UserErrorParams[C] } }[UserErrorCode];

export type Result<T> = { ok: true; value: T } | UserError;

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <C extends UserErrorCode>(code: C, params: UserErrorParams[C]): UserError => ({ ok: false, code, params }) as UserError;

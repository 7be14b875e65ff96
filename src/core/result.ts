/**
 * Expected user failures are values, not exceptions: a UserError says what was wrong and what is
 * valid, and the caller renders it. Exceptions are kept for operational failures.
 */
export type UserErrorCode =
  | 'UNKNOWN_COMMAND'
  | 'UNKNOWN_TOPIC'
  | 'UNKNOWN_TEAM'
  | 'INVALID_OPTION'
  | 'INVALID_ANSWER'
  | 'NO_QUESTIONS'
  | 'DELIVERY_NOT_FOUND'
  | 'DELIVERY_CLOSED'
  | 'ALREADY_ANSWERED'
  | 'NOT_YOUR_QUIZ'
  | 'WRONG_MODE'
  | 'TEAM_CONFLICT'
  | 'NOT_IN_TEAM'
  | 'FORBIDDEN'
  | 'STALE_ACTION';

export interface UserError {
  ok: false;
  code: UserErrorCode;
  message: string;
}

export type Result<T> = { ok: true; value: T } | UserError;

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: UserErrorCode, message: string): UserError => ({ ok: false, code, message });

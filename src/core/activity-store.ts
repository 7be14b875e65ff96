import type { UserRef } from './identity.js';

/**
 * Answers per member per local day (localDay numbers, days since 1970-01-01), for the activity
 * heat map of `stats`. Counts only: which question was answered lives with the scores.
 */
export interface ActivityStore {
  /**
   * Counts one recorded answer on its day, once per delivery: a repeat of the same answer (a
   * second press, a retried request) is recorded by the score store as the same answer, and is
   * not counted again. Returns whether it was counted.
   */
  recordActivity(user: UserRef, answer: ActivityAnswer): Promise<boolean>;
  /** Answers per day from `fromDay` to `toDay` (both included); days without answers are absent. */
  getActivity(user: UserRef, fromDay: number, toDay: number): Promise<Map<number, number>>;
}

export interface ActivityAnswer {
  day: number;
  deliveryId: string;
  /** How long a repeat of this delivery's answer is recognised: the delivery's remaining life. */
  repeatTtlMs: number;
  /** Days before `day - keepDays` are dropped. */
  keepDays: number;
  /** All the member's counts expire this long after their last answer. */
  ttlMs: number;
}

/** The heat map shows 16 weeks; a week more is kept so a late time zone never loses a day. */
export const ACTIVITY_WEEKS = 16;
export const ACTIVITY_KEEP_DAYS = (ACTIVITY_WEEKS + 1) * 7;
export const ACTIVITY_TTL_MS = ACTIVITY_KEEP_DAYS * 86_400_000;

import type { UserRef } from './identity.js';

/**
 * Answers per member per local day (localDay numbers, days since 1970-01-01), for the activity
 * heat map of `stats`. Counts only: which question was answered lives with the scores.
 */
export interface ActivityStore {
  /**
   * Answers per day from `fromDay` to `toDay` (both included); days without answers are absent.
   * The counts are written by ScoreStore.recordAnswer (AnswerInput.activity), in the same atomic
   * step as the answer, so a recorded answer counts once and a repeat never.
   */
  getActivity(user: UserRef, fromDay: number, toDay: number): Promise<Map<number, number>>;
}

/** The heat map shows 16 weeks; a week more is kept so a late time zone never loses a day. */
export const ACTIVITY_WEEKS = 16;
export const ACTIVITY_KEEP_DAYS = (ACTIVITY_WEEKS + 1) * 7;
export const ACTIVITY_TTL_MS = ACTIVITY_KEEP_DAYS * 86_400_000;

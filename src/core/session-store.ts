import type { Community } from './identity.js';

/**
 * Sessions port: a small key-value with a lifetime, scoped to one community, for the state an
 * adapter keeps between events (a form in progress, a pending confirmation, a dedupe mark), so it
 * survives restarts and is shared by every process instead of living in a Map of one process.
 * Values are strings (JSON, if structured); keys are the adapter's own ("slack:modal:<view id>").
 * Adapters get it as `app.sessions`; the one core user is InterviewService (a member's mock
 * interview, kept for a day).
 */
export interface SessionStore {
  /** The value under `key`, or null when there is none or it expired. */
  getSession(c: Community, key: string): Promise<string | null>;
  /** Stores `value` under `key` for `ttlMs` (at least 1 ms), replacing any value and its lifetime. */
  setSession(c: Community, key: string, value: string, ttlMs: number): Promise<void>;
  /** Deletes `key`; false when there was no live value. */
  deleteSession(c: Community, key: string): Promise<boolean>;
}

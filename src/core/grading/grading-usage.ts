import type { Community, UserRef } from '../identity.js';

/**
 * What the AI grader needs from a store, and nothing more: daily caps shared by every replica, a
 * cache of verified judgements, token counters for operators. Declared on its own so it does not
 * depend on how the Store port is split; MemoryStore, SqliteStore and RedisStore implement it.
 */
export interface GradingUsageStore {
  /**
   * Atomically counts one AI grading for the member and the community on `day`, unless either has
   * reached its limit (then nothing is counted). Counters live `ttlMs` after their first use.
   */
  takeGradingSlot(user: UserRef, day: string, limits: GradingLimits, ttlMs: number): Promise<SlotVerdict>;
  getCachedGrade(c: Community, key: string): Promise<string | null>;
  putCachedGrade(c: Community, key: string, value: string, ttlMs: number): Promise<void>;
  addTokenUsage(c: Community, day: string, usage: TokenUsage, ttlMs: number): Promise<void>;
  getTokenUsage(c: Community, day: string): Promise<TokenUsage>;
}

export interface GradingLimits {
  /** AI gradings per member per day. */
  member: number;
  /** AI gradings per community per day. */
  community: number;
}

export type SlotVerdict = 'granted' | 'member-limit' | 'community-limit';

/** Counted per community and day, as the endpoint reported them. */
export interface TokenUsage {
  calls: number;
  promptTokens: number;
  completionTokens: number;
}

export const NO_USAGE: TokenUsage = { calls: 0, promptTokens: 0, completionTokens: 0 };

/** For the composition root: does this store also keep AI grading usage? */
export function hasGradingUsage(store: object): store is GradingUsageStore {
  return typeof (store as Partial<GradingUsageStore>).takeGradingSlot === 'function';
}

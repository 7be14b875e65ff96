import type { GradingLimits, SlotVerdict, TokenUsage } from '../../core/grading/grading-usage.js';
import { communityKey as ck, type Community, type UserRef } from '../../core/identity.js';
import type { SqliteDatabase } from './database.js';

/** The AI grading writes (migration 0002), each one transaction in the writer thread like writes.ts. */

const count = (sql: SqliteDatabase, c: string, day: string, member: string, now: number) =>
  sql.get<{ n: number }>('SELECT n FROM ai_counts WHERE community = ? AND day = ? AND member = ? AND expires_at > ?', c, day, member, now)?.n ?? 0;

/** lua/take-grading-slot-2.lua: both counters or neither, under the write lock. */
function takeGradingSlot(sql: SqliteDatabase, now: number, user: UserRef, day: string, limits: GradingLimits, ttlMs: number): SlotVerdict {
  const c = ck(user.community);
  const member = count(sql, c, day, user.userId, now);
  const all = count(sql, c, day, '', now);
  if (member >= limits.member) return 'member-limit';
  if (all >= limits.community) return 'community-limit';
  for (const [m, n] of [[user.userId, member], ['', all]] as const) {
    // An expired row restarts at 1 with a new lifetime, as an expired Redis counter would.
    sql.run(
      'INSERT INTO ai_counts (community, day, member, n, expires_at) VALUES (?, ?, ?, 1, ?) ' +
        'ON CONFLICT DO UPDATE SET n = excluded.n + ?, expires_at = CASE WHEN ? = 0 THEN excluded.expires_at ELSE expires_at END',
      c, day, m, now + ttlMs, n, n,
    );
  }
  return 'granted';
}

function putCachedGrade(sql: SqliteDatabase, now: number, c: Community, key: string, value: string, ttlMs: number): void {
  sql.run('INSERT OR REPLACE INTO ai_cache (community, key, value, expires_at) VALUES (?, ?, ?, ?)', ck(c), key, value, now + ttlMs);
}

function addTokenUsage(sql: SqliteDatabase, now: number, c: Community, day: string, u: TokenUsage, ttlMs: number): void {
  sql.run('DELETE FROM ai_tokens WHERE community = ? AND day = ? AND expires_at <= ?', ck(c), day, now);
  sql.run(
    'INSERT INTO ai_tokens (community, day, calls, prompt_tokens, completion_tokens, expires_at) VALUES (?, ?, ?, ?, ?, ?) ' +
      'ON CONFLICT DO UPDATE SET calls = calls + excluded.calls, prompt_tokens = prompt_tokens + excluded.prompt_tokens, ' +
      'completion_tokens = completion_tokens + excluded.completion_tokens, expires_at = excluded.expires_at',
    ck(c), day, u.calls, u.promptTokens, u.completionTokens, now + ttlMs,
  );
}

export const GRADING_WRITES = { takeGradingSlot, putCachedGrade, addTokenUsage };

/** Reads, on the main thread's read-only connection. */
export function cachedGrade(sql: SqliteDatabase, now: number, c: Community, key: string): string | null {
  return sql.get<{ value: string }>('SELECT value FROM ai_cache WHERE community = ? AND key = ? AND expires_at > ?', ck(c), key, now)?.value ?? null;
}

export function tokenUsage(sql: SqliteDatabase, now: number, c: Community, day: string): TokenUsage {
  const row = sql.get<{ calls: number; p: number; q: number }>(
    'SELECT calls, prompt_tokens AS p, completion_tokens AS q FROM ai_tokens WHERE community = ? AND day = ? AND expires_at > ?',
    ck(c), day, now,
  );
  return { calls: row?.calls ?? 0, promptTokens: row?.p ?? 0, completionTokens: row?.q ?? 0 };
}

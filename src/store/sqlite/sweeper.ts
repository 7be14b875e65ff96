import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { Clock, Logger } from '../../core/ports.js';
import type { SqliteDatabase } from './database.js';

/** Rows per delete: small enough that one batch holds the write lock for about a millisecond. */
const BATCH = 500;
/** At most this many batches a sweep, so a backlog is worked off over several sweeps. */
const MAX_BATCHES = 200;

/** Expiring tables: reads already ignore expired rows; sweeping reclaims their space. */
const SIMPLE = [
  ['deliveries', 'expires_at', '(community, id)'],
  ['hints', 'expires_at', '(community, delivery_id, user_id)'],
  ['scored', 'until', '(community, user_id, question_id)'],
  ['slots', 'expires_at', '(community, channel_id, slot)'],
  ['sessions', 'expires_at', '(community, key)'],
  ['ai_counts', 'expires_at', '(community, day, member)'],
  ['ai_cache', 'expires_at', '(community, key)'],
  ['ai_tokens', 'expires_at', '(community, day)'],
  ['activity', 'expires_at', '(community, user_id, day)'],
  ['report_rates', 'expires_at', '(community, user_id)'],
] as const;

/** One batch of deletions (a write transaction of its own); returns the rows deleted. */
export function sweepBatch(sql: SqliteDatabase, now: number): number {
  let n = 0;
  for (const [table, column, key] of SIMPLE) {
    n += sql.run(`DELETE FROM ${table} WHERE ${key} IN (SELECT ${key.slice(1, -1)} FROM ${table} WHERE ${column} <= ? LIMIT ${BATCH})`, now);
  }
  // An expired answer set: its answers first, then the set once it has none left.
  const set = sql.get<{ community: string; delivery_id: string }>('SELECT community, delivery_id FROM answer_sets WHERE expires_at <= ? LIMIT 1', now);
  if (set) {
    const gone = sql.run(`DELETE FROM answers WHERE seq IN (SELECT seq FROM answers WHERE community = ? AND delivery_id = ? LIMIT ${BATCH})`, set.community, set.delivery_id);
    if (gone === 0) sql.run('DELETE FROM answer_sets WHERE community = ? AND delivery_id = ?', set.community, set.delivery_id);
    n += gone + 1;
  }
  // An expired board, the same way.
  const board = sql.get<{ community: string; scope: string; key: string }>('SELECT community, scope, key FROM boards WHERE expires_at <= ? LIMIT 1', now);
  if (board) {
    const gone = sql.run(
      `DELETE FROM board_scores WHERE (community, scope, key, member) IN (SELECT community, scope, key, member FROM board_scores WHERE community = ? AND scope = ? AND key = ? LIMIT ${BATCH})`,
      board.community, board.scope, board.key,
    );
    if (gone === 0) {
      for (const table of ['board_score_counts', 'boards']) sql.run(`DELETE FROM ${table} WHERE community = ? AND scope = ? AND key = ?`, board.community, board.scope, board.key);
    }
    n += gone + 1;
  }
  return n;
}

/**
 * Deletes expired rows once a minute, in small batches with a turn of the event loop between
 * them: expiry never costs a long pause or a long-held lock, at start or later.
 */
export class Sweeper {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly runBatch: (now: number) => Promise<number>,
    private readonly clock: Clock,
    private readonly logger?: Logger | undefined,
  ) {}

  start(intervalMs = 60_000): void {
    this.timer = setInterval(() => {
      this.running ??= this.sweep()
        .then(() => {})
        .catch((err: unknown) => this.logger?.warn('Deleting expired rows failed; will retry', { error: String(err) }))
        .finally(() => (this.running = null));
    }, intervalMs);
    this.timer.unref();
  }

  /** Stops the timer and waits for a sweep in progress. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** One sweep; returns the number of rows deleted. */
  async sweep(): Promise<number> {
    let deleted = 0;
    for (let batch = 0; batch < MAX_BATCHES; batch++) {
      const n = await this.runBatch(this.clock.now());
      deleted += n;
      if (n === 0) break;
      await yieldToEventLoop();
    }
    return deleted;
  }
}

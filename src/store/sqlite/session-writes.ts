import { communityKey as ck, type Community } from '../../core/identity.js';
import type { SqliteDatabase } from './database.js';

/** The SessionStore's writes (run by the writer thread like every write in writes.ts). */

function setSession(sql: SqliteDatabase, now: number, c: Community, key: string, value: string, ttlMs: number): void {
  sql.run('INSERT OR REPLACE INTO sessions (community, key, value, expires_at) VALUES (?, ?, ?, ?)', ck(c), key, value, now + Math.max(1, Math.round(ttlMs)));
}

/** True when a live value was deleted; an expired row goes too, as Redis would have dropped it. */
function deleteSession(sql: SqliteDatabase, now: number, c: Community, key: string): boolean {
  const live = sql.get('SELECT 1 FROM sessions WHERE community = ? AND key = ? AND expires_at > ?', ck(c), key, now) !== undefined;
  sql.run('DELETE FROM sessions WHERE community = ? AND key = ?', ck(c), key);
  return live;
}

export const SESSION_WRITES = { setSession, deleteSession };

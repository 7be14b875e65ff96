import type { BoardRef, LeaderboardEntry, LeaderboardPage } from '../../core/store.js';
import type { BoardUpdate } from '../../core/answer-rules.js';
import type { SqliteDatabase } from './database.js';

/**
 * Leaderboards as indexed queries. A page is a range scan of board_ranks from the top; a rank is a
 * count of the index entries above the member; the total is kept in boards.size. Nothing scans a
 * whole board, so a page with the caller's rank costs milliseconds at 100,000 members.
 */

/** Adds points to one member of one board, inside the caller's write transaction. */
export function addToBoard(sql: SqliteDatabase, community: string, b: BoardUpdate, points: number, now: number): void {
  const board = sql.stmt('SELECT expires_at AS exp FROM boards WHERE community = ? AND scope = ? AND key = ?').get(community, b.scope, b.key) as
    | { exp: number | null }
    | undefined;
  if (board && board.exp !== null && board.exp <= now) {
    // An expired board starts afresh, as an expired Redis key would (the sweeper usually got there first).
    sql.stmt('DELETE FROM board_scores WHERE community = ? AND scope = ? AND key = ?').run(community, b.scope, b.key);
    sql.stmt('UPDATE boards SET size = 0 WHERE community = ? AND scope = ? AND key = ?').run(community, b.scope, b.key);
  }
  sql
    .stmt('INSERT INTO boards (community, scope, key, size, expires_at) VALUES (?, ?, ?, 0, ?) ON CONFLICT DO UPDATE SET expires_at = excluded.expires_at')
    .run(community, b.scope, b.key, b.expiresAt);
  const bumped = sql.stmt('UPDATE board_scores SET score = score + ? WHERE community = ? AND scope = ? AND key = ? AND member = ?').run(points, community, b.scope, b.key, b.member);
  if (bumped.changes === 0) {
    sql.stmt('INSERT INTO board_scores (community, scope, key, member, score) VALUES (?, ?, ?, ?, ?)').run(community, b.scope, b.key, b.member, points);
    sql.stmt('UPDATE boards SET size = size + 1 WHERE community = ? AND scope = ? AND key = ?').run(community, b.scope, b.key);
  }
}

const NAME_SOURCE = {
  users: 'SELECT name FROM names WHERE community = ? AND user_id = ?',
  teams: 'SELECT name FROM teams WHERE community = ? AND team_key = ?',
} as const;

/** One page of a board, high to low (ties: member descending, like ZREVRANGE), plus the caller's place. */
export function leaderboardPage(sql: SqliteDatabase, community: string, board: BoardRef, offset: number, limit: number, memberId: string, now: number): LeaderboardPage {
  const { scope, key } = board;
  const row = sql.stmt('SELECT size, expires_at AS exp FROM boards WHERE community = ? AND scope = ? AND key = ?').get(community, scope, key) as
    | { size: number; exp: number | null }
    | undefined;
  if (!row || (row.exp !== null && row.exp <= now)) return { total: 0, entries: [], member: null };
  const nameOf = (id: string) => (sql.stmt(NAME_SOURCE[scope]).get(community, id) as { name: string } | undefined)?.name ?? id;

  const page = sql
    .stmt('SELECT member, score FROM board_scores WHERE community = ? AND scope = ? AND key = ? ORDER BY score DESC, member DESC LIMIT ? OFFSET ?')
    .all(community, scope, key, limit, offset) as { member: string; score: number }[];
  const entries: LeaderboardEntry[] = page.map((e, i) => ({ id: e.member, name: nameOf(e.member), score: e.score, rank: offset + i + 1 }));

  const mine = sql.stmt('SELECT score FROM board_scores WHERE community = ? AND scope = ? AND key = ? AND member = ?').get(community, scope, key, memberId) as
    | { score: number }
    | undefined;
  let member: LeaderboardEntry | null = null;
  if (mine) {
    const above = sql
      .stmt('SELECT COUNT(*) AS n FROM board_scores WHERE community = ? AND scope = ? AND key = ? AND (score, member) > (?, ?)')
      .get(community, scope, key, mine.score, memberId) as { n: number };
    member = { id: memberId, name: nameOf(memberId), score: mine.score, rank: above.n + 1 };
  }
  return { total: row.size, entries, member };
}

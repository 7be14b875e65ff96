import type { BoardRef, LeaderboardEntry, LeaderboardPage } from '../../core/leaderboard.js';
import type { BoardUpdate } from '../../core/answer-rules.js';
import type { SqliteDatabase } from './database.js';

/**
 * Leaderboards as indexed queries. A page is a range scan of board_ranks; a rank (and the start of
 * a deep page) comes from board_score_counts, one row per distinct score; the total is kept in
 * boards.size. Nothing counts a whole board, so a page with the caller's rank stays in the
 * milliseconds at 100,000 members.
 */

const BOARD = 'community = ? AND scope = ? AND key = ?';

function countScore(sql: SqliteDatabase, c: string, b: { scope: string; key: string }, score: number, delta: number): void {
  sql.run(`INSERT INTO board_score_counts (community, scope, key, score, members) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET members = members + excluded.members`, c, b.scope, b.key, score, delta);
  if (delta < 0) sql.run(`DELETE FROM board_score_counts WHERE ${BOARD} AND score = ? AND members <= 0`, c, b.scope, b.key, score);
}

/** Adds points to one member of one board, inside the caller's write transaction. */
export function addToBoard(sql: SqliteDatabase, c: string, b: BoardUpdate, points: number, now: number): void {
  const board = sql.get<{ exp: number | null }>(`SELECT expires_at AS exp FROM boards WHERE ${BOARD}`, c, b.scope, b.key);
  if (board && board.exp !== null && board.exp <= now) {
    // An expired board starts afresh, as an expired Redis key would (the sweeper usually got there first).
    for (const table of ['board_scores', 'board_score_counts']) sql.run(`DELETE FROM ${table} WHERE ${BOARD}`, c, b.scope, b.key);
    sql.run(`UPDATE boards SET size = 0 WHERE ${BOARD}`, c, b.scope, b.key);
  }
  sql.run('INSERT INTO boards (community, scope, key, size, expires_at) VALUES (?, ?, ?, 0, ?) ON CONFLICT DO UPDATE SET expires_at = excluded.expires_at', c, b.scope, b.key, b.expiresAt);
  const old = sql.get<{ score: number }>(`SELECT score FROM board_scores WHERE ${BOARD} AND member = ?`, c, b.scope, b.key, b.member);
  if (old) {
    if (points === 0) return;
    sql.run(`UPDATE board_scores SET score = score + ? WHERE ${BOARD} AND member = ?`, points, c, b.scope, b.key, b.member);
    countScore(sql, c, b, old.score, -1);
  } else {
    sql.run('INSERT INTO board_scores (community, scope, key, member, score) VALUES (?, ?, ?, ?, ?)', c, b.scope, b.key, b.member, points);
    sql.run(`UPDATE boards SET size = size + 1 WHERE ${BOARD}`, c, b.scope, b.key);
  }
  countScore(sql, c, b, (old?.score ?? 0) + points, 1);
}

/** How many members rank above (score, member): higher scores, then equal scores with a greater id. */
function above(sql: SqliteDatabase, c: string, ref: BoardRef, score: number, member: string): number {
  const higher = sql.get<{ n: number | null }>(`SELECT SUM(members) AS n FROM board_score_counts WHERE ${BOARD} AND score > ?`, c, ref.scope, ref.key, score)?.n ?? 0;
  const ties = sql.get<{ n: number }>(`SELECT COUNT(*) AS n FROM board_scores WHERE ${BOARD} AND score = ? AND member > ?`, c, ref.scope, ref.key, score, member)!.n;
  return higher + ties;
}

/** The entries of a page: from the top for the first pages; deeper, from the score the counts point at. */
function pageRows(sql: SqliteDatabase, c: string, ref: BoardRef, offset: number, limit: number): { member: string; score: number }[] {
  const order = 'ORDER BY score DESC, member DESC LIMIT ? OFFSET ?';
  if (offset < 500) return sql.all(`SELECT member, score FROM board_scores WHERE ${BOARD} ${order}`, c, ref.scope, ref.key, limit, offset);
  let skipped = 0;
  for (const row of sql.stmt(`SELECT score, members FROM board_score_counts WHERE ${BOARD} ORDER BY score DESC`).iterate(c, ref.scope, ref.key) as Iterable<{ score: number; members: number }>) {
    if (skipped + row.members > offset) {
      return sql.all(`SELECT member, score FROM board_scores WHERE ${BOARD} AND score <= ? ${order}`, c, ref.scope, ref.key, row.score, limit, offset - skipped);
    }
    skipped += row.members;
  }
  return [];
}

const NAME_SOURCE = {
  users: 'SELECT name FROM names WHERE community = ? AND user_id = ?',
  teams: 'SELECT name FROM teams WHERE community = ? AND team_key = ?',
} as const;

/** One page of a board, high to low (ties: member descending, like ZREVRANGE), plus the caller's place. */
export function leaderboardPage(sql: SqliteDatabase, c: string, ref: BoardRef, offset: number, limit: number, memberId: string, now: number): LeaderboardPage {
  // One read transaction: the counts, the scores and the size are seen as of one commit.
  return sql.db.transaction(() => readPage(sql, c, ref, offset, limit, memberId, now))();
}

function readPage(sql: SqliteDatabase, c: string, ref: BoardRef, offset: number, limit: number, memberId: string, now: number): LeaderboardPage {
  const row = sql.get<{ size: number; exp: number | null }>(`SELECT size, expires_at AS exp FROM boards WHERE ${BOARD}`, c, ref.scope, ref.key);
  if (!row || (row.exp !== null && row.exp <= now)) return { total: 0, entries: [], member: null };
  const nameOf = (id: string) => sql.get<{ name: string }>(NAME_SOURCE[ref.scope], c, id)?.name ?? id;
  const entries: LeaderboardEntry[] = pageRows(sql, c, ref, offset, limit).map((e, i) => ({ id: e.member, name: nameOf(e.member), score: e.score, rank: offset + i + 1 }));
  const mine = sql.get<{ score: number }>(`SELECT score FROM board_scores WHERE ${BOARD} AND member = ?`, c, ref.scope, ref.key, memberId);
  const member = mine ? { id: memberId, name: nameOf(memberId), score: mine.score, rank: above(sql, c, ref, mine.score, memberId) + 1 } : null;
  return { total: row.size, entries, member };
}

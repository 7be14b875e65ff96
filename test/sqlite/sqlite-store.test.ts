import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { AnswerInput } from '../../src/core/answer-rules.js';
import { DB_FILE } from '../../src/store/sqlite/files.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { aCommunity, aUser, FixedClock, seededRandom } from '../support/builders.js';
import { useTempDirs } from '../support/temp-dirs.js';

const tempDir = useTempDirs('backprop-sqlite-');

const c = aCommunity('g');
const answer = (clock: FixedClock, extra: Partial<AnswerInput> = {}): AnswerInput => ({
  user: aUser('u1', c), deliveryId: 'd', questionId: 'q', topic: 't', correct: true, basePoints: 5, day: 1, week: 'W', month: 'M',
  weekExpiresAt: clock.now() + 1000, monthExpiresAt: clock.now() + 5000, scoreWindowMs: 10_000, now: clock.now(), deliveryTtlMs: 1000, ...extra,
});

describe('SqliteStore', () => {
  it('expires rows by the injected clock, and the sweep deletes them', async () => {
    const clock = new FixedClock(Date.parse('2026-11-23T10:00:00Z'));
    const dir = tempDir();
    const s = await SqliteStore.open({ clock, dataDir: dir, sweep: false });
    await s.saveDelivery(c, { id: 'd', questionId: 'q', mode: 'choice', ownerId: 'u1', order: [0, 1, 2, 3], createdAt: clock.now(), expiresAt: clock.now() + 1000 });
    await s.markHint(c, 'd', 'u1', 1000);
    await s.setSession(c, 'form', 'x', 1000);
    await s.recordAnswer(answer(clock));
    const week = { scope: 'users' as const, period: 'week' as const, key: 'W' };
    expect((await s.getLeaderboard(c, week, 0, 10, 'u1')).total).toBe(1);
    clock.advance(1001);
    expect((await s.getLeaderboard(c, week, 0, 10, 'u1')).total).toBe(0);
    expect((await s.getLeaderboard(c, { scope: 'users', period: 'month', key: 'M' }, 0, 10, 'u1')).total).toBe(1);
    expect(await s.getDelivery(c, 'd')).toBeNull();
    expect(await s.getSession(c, 'form')).toBeNull();
    expect(await s.hasAnswered(c, 'd', 'u1')).toBe(false);
    expect(await s.getResults(c, 'd')).toEqual([]);
    // The answered set expired with the delivery: a new answer to it counts again, without the old hint.
    expect(await s.recordAnswer(answer(clock, { questionId: 'q2' }))).toMatchObject({ status: 'recorded', hintUsed: false, points: 5 });
    // An expired board starts afresh when written again.
    expect((await s.getLeaderboard(c, week, 0, 10, 'u1')).entries).toEqual([{ id: 'u1', name: 'User u1', score: 5, rank: 1 }]);

    clock.advance(20_000);
    expect(await s.sweepExpired()).toBeGreaterThan(0);
    await s.close();
    const db = new Database(join(dir, DB_FILE), { readonly: true });
    const count = (t: string) => (db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n;
    expect({ deliveries: count('deliveries'), hints: count('hints'), answers: count('answers'), sets: count('answer_sets'), scored: count('scored'), sessions: count('sessions') }).toEqual({
      deliveries: 0, hints: 0, answers: 0, sets: 0, scored: 0, sessions: 0,
    });
    // Only the all-time board is left; the week and month boards and their scores are gone.
    expect(db.prepare('SELECT key FROM boards').all()).toEqual([{ key: 'all' }]);
    expect(count('board_scores')).toBe(1);
    db.close();
  });

  it('answers pages and ranks from the board index, never by scanning a board', async () => {
    const dir = tempDir();
    await (await SqliteStore.open({ clock: { now: () => Date.now() }, dataDir: dir })).close();
    const db = new Database(join(dir, DB_FILE), { readonly: true });
    const plan = (sql: string) => {
      const params = Array.from({ length: (sql.match(/\?/g) ?? []).length }, () => 1);
      return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join('; ');
    };
    const page = plan('SELECT member, score FROM board_scores WHERE community = ? AND scope = ? AND key = ? ORDER BY score DESC, member DESC LIMIT ? OFFSET ?');
    expect(page).toContain('USING COVERING INDEX board_ranks');
    expect(page).not.toContain('TEMP B-TREE');
    const higher = plan('SELECT SUM(members) AS n FROM board_score_counts WHERE community = ? AND scope = ? AND key = ? AND score > ?');
    expect(higher).toMatch(/SEARCH board_score_counts USING PRIMARY KEY \(community=\? AND scope=\? AND key=\? AND score>\?\)/);
    const ties = plan('SELECT COUNT(*) AS n FROM board_scores WHERE community = ? AND scope = ? AND key = ? AND score = ? AND member > ?');
    expect(ties).toMatch(/SEARCH board_scores USING COVERING INDEX board_ranks \(community=\? AND scope=\? AND key=\? AND score=\? AND member>\?\)/);
    db.close();
  });

  it('agrees with a full sort on every rank and on deep pages, ties included', async () => {
    const clock = new FixedClock(Date.parse('2026-11-23T10:00:00Z'));
    const sqlite = await SqliteStore.open({ clock, dataDir: tempDir(), sweep: false });
    const memory = await MemoryStore.open({ clock });
    const random = seededRandom(7);
    const rand = (n: number) => Math.floor(random.next() * n);
    const MEMBERS = 700;
    for (let i = 0; i < 1400; i++) {
      // Scores from a few values, so many members tie; some answers are worth 0.
      const input = answer(clock, { user: aUser(`m${rand(MEMBERS)}`, c), deliveryId: `d${i}`, questionId: `q${i}`, basePoints: [0, 10, 20, 30][rand(4)]! });
      expect(await sqlite.recordAnswer(input)).toEqual(await memory.recordAnswer(input));
    }
    const board = { scope: 'users' as const, period: 'all' as const, key: 'all' };
    const expected = await memory.getLeaderboard(c, board, 0, MEMBERS, 'm0');
    expect(expected.total).toBeGreaterThan(550);
    for (const offset of [0, 10, 490, 500, 510, 600, expected.total - 3, expected.total + 5]) {
      expect(await sqlite.getLeaderboard(c, board, offset, 10, 'm1'), `offset ${offset}`).toEqual(await memory.getLeaderboard(c, board, offset, 10, 'm1'));
    }
    for (const e of expected.entries) expect((await sqlite.getLeaderboard(c, board, 0, 1, e.id)).member).toEqual(e);
    await sqlite.close();
  });
});

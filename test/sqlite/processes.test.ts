import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AnswerInput, AnswerOutcome } from '../../src/core/answer-rules.js';
import { DB_FILE } from '../../src/store/sqlite/files.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { aCommunity, aUser } from '../support/builders.js';
import { StoreCallError, StoreProcess } from '../support/store-process.js';

/** Real processes on one database file: concurrent writers, a full disk, kill -9. */

const dirs: string[] = [];
const procs: StoreProcess[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'backprop-procs-'));
  dirs.push(d);
  return d;
};
afterEach(async () => {
  for (const p of procs.splice(0)) {
    if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
    await p.exited;
  }
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
});
const start = async (dir: string) => {
  const p = await StoreProcess.start(dir);
  procs.push(p);
  return p;
};

const c = aCommunity('procs');
const DAY = 86_400_000;
const answer = (userId: string, deliveryId: string, extra: Partial<AnswerInput> = {}): AnswerInput => {
  const now = Date.now();
  return {
    user: aUser(userId, c), deliveryId, questionId: deliveryId, topic: 'cnn', correct: true, basePoints: 10, day: 20_000, week: '2026-W48', month: '2026-11',
    weekExpiresAt: now + 10 * DAY, monthExpiresAt: now + 40 * DAY, scoreWindowMs: 30 * DAY, now, deliveryTtlMs: DAY, ...extra,
  };
};
const weekBoard = { scope: 'users' as const, period: 'week' as const, key: '2026-W48' };

describe('SqliteStore across processes', () => {
  it('two processes writing one file at once keep exact totals', async () => {
    const dir = tempDir();
    const [a, b] = [await start(dir), await start(dir)] as [StoreProcess, StoreProcess];
    const USERS = 40;
    const PER = 5;
    const users = Array.from({ length: USERS }, (_, i) => `u${i}`);
    // Both try to put every user in a team: exactly one join per user wins.
    const joins = await Promise.all(users.flatMap((u, i) => [a, b].map((p) => p.call('joinTeam', aUser(u, c), `t${i % 4}`, `Team ${i % 4}`))));
    expect(joins.filter((j) => j.status === 'joined')).toHaveLength(USERS);
    // Each process records PER answers per user, each sent twice (a double click reaching both).
    const calls: Promise<AnswerOutcome>[] = [];
    for (const u of users) {
      for (let k = 0; k < PER; k++) {
        for (const side of ['a', 'b']) {
          const input = answer(u, `${side}-${u}-${k}`);
          calls.push(a.call('recordAnswer', input), b.call('recordAnswer', input));
        }
      }
    }
    const outcomes = await Promise.all(calls);
    expect(outcomes.filter((o) => o.status === 'recorded')).toHaveLength(USERS * PER * 2);
    expect(outcomes.filter((o) => o.status === 'duplicate')).toHaveLength(USERS * PER * 2);

    for (const u of users) expect(await a.call('getStats', aUser(u, c))).toMatchObject({ answered: PER * 2, correct: PER * 2, points: PER * 2 * 10 });
    const board = await b.call('getLeaderboard', c, weekBoard, 0, 100, 'u0');
    expect(board.total).toBe(USERS);
    expect(board.entries.every((e) => e.score === PER * 2 * 10)).toBe(true);
    const teams = await a.call('getLeaderboard', c, { scope: 'teams', period: 'all', key: 'all' }, 0, 10, 't0');
    expect(teams.entries.map((e) => e.score)).toEqual([1000, 1000, 1000, 1000]);
    expect((await b.call('listTeams', c)).map((t) => t.members)).toEqual([10, 10, 10, 10]);
  });

  it('a write failure mid-run (disk full) applies nothing, /readyz says 503, and the retry works once space is back', async () => {
    const dir = tempDir();
    const p = await start(dir);
    for (let i = 0; i < 20; i++) await p.call('recordAnswer', answer(`warm${i}`, `w${i}`));
    const ready = await p.readyz();
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ status: 'ready', storage: { dataDir: dir } });
    expect((ready.body['storage'] as { bytes: number }).bytes).toBeGreaterThan(0);

    // The disk is "full": the process may not grow its files past their current size (the WAL
    // takes every commit, so the next write fails, like ENOSPC would).
    const wal = statSync(join(dir, `${DB_FILE}-wal`)).size;
    execFileSync('prlimit', ['--pid', String(p.pid), `--fsize=${wal}:unlimited`]);
    await expect.poll(async () => (await p.readyz()).status, { timeout: 5000, interval: 100 }).toBe(503);
    const down = await p.readyz();
    expect(down.body).toMatchObject({ status: 'unavailable', storage: { dataDir: dir } });
    expect(String(down.body['reason'])).toContain(`Writes to ${join(dir, DB_FILE)} fail`);

    const before = await p.call('getLeaderboard', c, weekBoard, 0, 100, 'victim');
    const err = await p.call('recordAnswer', answer('victim', 'dv')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreCallError);
    expect((err as StoreCallError).code).toBe('STORE_UNAVAILABLE');
    // Nothing of it applied: not answered, no stats, no streak, no board entry, no result.
    expect(await p.call('hasAnswered', c, 'dv', 'victim')).toBe(false);
    expect(await p.call('getStats', aUser('victim', c))).toMatchObject({ answered: 0, points: 0 });
    expect(await p.call('getStreak', aUser('victim', c))).toEqual({ current: 0, best: 0, lastDay: -1 });
    expect(await p.call('getResults', c, 'dv')).toEqual([]);
    expect(await p.call('getLeaderboard', c, weekBoard, 0, 100, 'victim')).toEqual(before);
    expect((await p.readyz()).status).toBe(503);

    // Space is back: the probe notices, and the same answer, tried again, is recorded once.
    execFileSync('prlimit', ['--pid', String(p.pid), '--fsize=unlimited:unlimited']);
    await expect.poll(async () => (await p.readyz()).status, { timeout: 5000, interval: 100 }).toBe(200);
    expect(await p.call('recordAnswer', answer('victim', 'dv'))).toMatchObject({ status: 'recorded', points: 10, streak: { current: 1 } });
    expect(await p.call('recordAnswer', answer('victim', 'dv'))).toEqual({ status: 'duplicate' });
    expect((await p.call('getLeaderboard', c, weekBoard, 0, 100, 'victim')).total).toBe(21);
  });

  it('kill -9 during a burst loses nothing that was acknowledged, and leaves no half-written answer', async () => {
    const dir = tempDir();
    const p = await start(dir);
    const N = 400;
    const acked: string[] = [];
    const burst = Array.from({ length: N }, (_, i) =>
      p.call('recordAnswer', answer(`k${i}`, `kd${i}`)).then(
        () => acked.push(`k${i}`),
        () => {},
      ),
    );
    await expect.poll(() => acked.length, { timeout: 10_000, interval: 5 }).toBeGreaterThan(50);
    p.child.kill('SIGKILL');
    await Promise.all(burst);
    expect(acked.length).toBeLessThan(N); // it really died mid-burst

    const store = await SqliteStore.open({ clock: { now: () => Date.now() }, dataDir: dir });
    try {
      for (const u of acked) expect(await store.hasAnswered(c, `kd${u.slice(1)}`, u), u).toBe(true);
      // Every answer is all there or not there at all: answered, stats and board agree.
      let recorded = 0;
      for (let i = 0; i < N; i++) {
        const has = await store.hasAnswered(c, `kd${i}`, `k${i}`);
        const stats = await store.getStats(aUser(`k${i}`, c));
        expect(stats.answered, `k${i}`).toBe(has ? 1 : 0);
        recorded += has ? 1 : 0;
      }
      expect(recorded).toBeGreaterThanOrEqual(acked.length);
      expect((await store.getLeaderboard(c, weekBoard, 0, 1, 'k0')).total).toBe(recorded);
    } finally {
      await store.close();
    }
  });
});

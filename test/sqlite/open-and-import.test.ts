import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/core/errors.js';
import type { Logger } from '../../src/core/ports.js';
import { DB_FILE } from '../../src/store/sqlite/files.js';
import { LEGACY_JSON_FILE } from '../../src/store/sqlite/legacy-json.js';
import { loadMigrations } from '../../src/store/sqlite/migrate.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { aCommunity, aUser } from '../support/builders.js';
import { writeLegacyFile } from '../support/legacy-snapshot.js';
import { useTempDirs } from '../support/temp-dirs.js';

const tempDir = useTempDirs('backprop-open-');

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const log = (msg: string, data?: Record<string, unknown>) => lines.push(data ? `${msg} ${JSON.stringify(data)}` : msg);
  return { lines, info: log, warn: log, error: log };
}

const clock = { now: () => Date.now() };

describe('SqliteStore: schema versions', () => {
  it('applies every migration once and records it', async () => {
    const dir = tempDir();
    await (await SqliteStore.open({ clock, dataDir: dir })).close();
    await (await SqliteStore.open({ clock, dataDir: dir })).close();
    const db = new Database(join(dir, DB_FILE), { readonly: true });
    const rows = db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all();
    db.close();
    expect(rows).toEqual(loadMigrations().map((m) => ({ version: m.version, name: m.name })));
    expect(rows.length).toBeGreaterThan(0);
  });

  it('refuses a database written by a newer version, with a clear message, and changes nothing', async () => {
    const dir = tempDir();
    await (await SqliteStore.open({ clock, dataDir: dir })).close();
    const file = join(dir, DB_FILE);
    const db = new Database(file);
    db.prepare("INSERT INTO schema_migrations VALUES (99, 'from-the-future', 0)").run();
    db.close();
    const before = readFileSync(file);
    const err = await SqliteStore.open({ clock, dataDir: dir }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('STORE_TOO_NEW');
    expect((err as AppError).message).toContain(`The database ${file} has schema version 99, but this Backprop knows versions up to ${loadMigrations().length}`);
    expect(readFileSync(file).equals(before)).toBe(true);
  });
});

describe('SqliteStore: one-time import of the old JSON data file', () => {
  const c = aCommunity('legacy');

  it('imports everything in one go, renames the old file and says so in the log', async () => {
    const dir = tempDir();
    const now = Date.now();
    const file = writeLegacyFile(dir, c, now);
    const logger = recordingLogger();
    const store = await SqliteStore.open({ clock, dataDir: dir, logger });
    try {
      const ann = aUser('ann', c);
      expect(await store.getStats(ann)).toEqual({ answered: 1, correct: 1, points: 20, byTopic: { cnn: { answered: 1, correct: 1 } } });
      expect(await store.getStats(aUser('bob', c))).toEqual({ answered: 1, correct: 0, points: 0, byTopic: { cnn: { answered: 1, correct: 0 } } });
      expect(await store.getStreak(ann)).toEqual({ current: 3, best: 5, lastDay: 20000 });
      expect(await store.getRecent(ann)).toEqual(['q1', 'q0']);
      expect(await store.getUserTeam(ann)).toEqual({ key: 'owls', name: 'Owls', members: 1 });
      expect(await store.listTeams(c)).toEqual([{ key: 'owls', name: 'Owls', members: 1 }]);
      const week = await store.getLeaderboard(c, { scope: 'users', period: 'week', key: '2026-W48' }, 0, 10, 'bob');
      expect(week).toEqual({
        total: 2,
        entries: [{ id: 'ann', name: 'Ann', score: 20, rank: 1 }, { id: 'bob', name: 'Bob', score: 0, rank: 2 }],
        member: { id: 'bob', name: 'Bob', score: 0, rank: 2 },
      });
      expect((await store.getLeaderboard(c, { scope: 'teams', period: 'all', key: 'all' }, 0, 10, 'owls')).entries).toEqual([{ id: 'owls', name: 'Owls', score: 20, rank: 1 }]);
      expect((await store.getLeaderboard(c, { scope: 'users', period: 'week', key: '2026-W01' }, 0, 10, 'ann')).total).toBe(0); // was expired
      expect((await store.getDelivery(c, 'd1'))?.questionId).toBe('q1');
      expect(await store.hasAnswered(c, 'd1', 'bob')).toBe(true);
      expect((await store.getResults(c, 'd1')).map((r) => [r.userId, r.correct])).toEqual([['ann', true], ['bob', false]]);
      expect(await store.markHint(c, 'd1', 'bob', 60_000)).toBe(false); // bob's hint came along
      expect(await store.getSettings(c)).toEqual({ timeZone: 'Europe/Berlin' });
      expect((await store.allSchedules()).map((s) => [s.community, s.schedule.time])).toEqual([[c, '09:00']]);
      expect(await store.getSlot(c, 'chan', '2026-11-23')).toMatchObject({ state: 'posted', token: 'tok', messageId: 'm1', deliveryId: 'd1' });
      expect(await store.usedDailyQuestions(c, 'chan')).toEqual(['q1']);
      // The scoring window came along too: q1 does not score again for ann.
      const again = await store.recordAnswer({
        user: ann, deliveryId: 'd9', questionId: 'q1', topic: 'cnn', correct: true, basePoints: 20, day: 20001, week: '2026-W48', month: '2026-11',
        weekExpiresAt: now + 1e9, monthExpiresAt: now + 1e9, scoreWindowMs: 1e9, now: Date.now(), deliveryTtlMs: 60_000,
      });
      expect(again).toMatchObject({ status: 'recorded', scored: false, points: 0, streak: { current: 4, best: 5 } });
    } finally {
      await store.close();
    }
    expect(existsSync(file)).toBe(false);
    expect(existsSync(`${file}.imported`)).toBe(true);
    expect(logger.lines.join('\n')).toContain(`Imported the old data file ${file} into ${join(dir, DB_FILE)} in one transaction; the old file is kept as ${file}.imported (never deleted).`);

    // A second start imports nothing again.
    const reopened = await SqliteStore.open({ clock, dataDir: dir });
    expect((await reopened.getStats(aUser('ann', c))).answered).toBe(2);
    await reopened.close();
  });

  it('after a crash between the import and the rename, only renames the file (no double import)', async () => {
    const dir = tempDir();
    const file = writeLegacyFile(dir, c, Date.now());
    const copy = readFileSync(file);
    await (await SqliteStore.open({ clock, dataDir: dir })).close();
    writeFileSync(file, copy); // as if the rename had not happened
    const store = await SqliteStore.open({ clock, dataDir: dir });
    expect((await store.getStats(aUser('ann', c))).points).toBe(20);
    await store.close();
    expect(existsSync(file)).toBe(false);
  });

  it('refuses a corrupt old file with a clear message, leaves it as it was and creates no database', async () => {
    const dir = tempDir();
    const file = join(dir, LEGACY_JSON_FILE);
    for (const content of ['{"version":1,"entries":{"k":', '{"version":2,"entries":{}}', '[]']) {
      writeFileSync(file, content);
      const err = await SqliteStore.open({ clock, dataDir: dir }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe('STORE_CORRUPT');
      expect((err as AppError).message).toContain(`The data file ${file} is corrupted`);
      expect(readFileSync(file, 'utf8')).toBe(content);
      expect(existsSync(join(dir, DB_FILE))).toBe(false);
    }
  });

  it('leaves an old file alone when the database already holds data', async () => {
    const dir = tempDir();
    const first = await SqliteStore.open({ clock, dataDir: dir });
    await first.joinTeam(aUser('zed', c), 'cats', 'Cats');
    await first.close();
    const file = writeLegacyFile(dir, c, Date.now());
    const logger = recordingLogger();
    const store = await SqliteStore.open({ clock, dataDir: dir, logger });
    expect((await store.getStats(aUser('ann', c))).answered).toBe(0);
    await store.close();
    expect(existsSync(file)).toBe(true);
    expect(logger.lines.join('\n')).toContain(`Found the old data file ${file} beside a database that already holds data`);
  });
});

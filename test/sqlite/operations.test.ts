import { spawn } from 'node:child_process';
import { closeSync, copyFileSync, openSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/paths.js';
import { DB_FILE } from '../../src/store/sqlite/files.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { aCommunity, aUser } from '../support/builders.js';
import { StoreProcess } from '../support/store-process.js';
import { useTempDirs } from '../support/temp-dirs.js';

const tempDir = useTempDirs('backprop-ops-');

/** `npm run --silent NAME -- args` as an operator types it, from `cwd`. */
function npmRun(name: string, args: string[], env: Record<string, string>, cwd = projectRoot): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', '--prefix', projectRoot, name, '--', ...args], {
      cwd,
      env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', ...env },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

const c = aCommunity('ops');
const answer = (i: number) => {
  const now = Date.now();
  return {
    user: aUser(`u${i}`, c), deliveryId: `d${i}`, questionId: `q${i}`, topic: 'cnn', correct: true, basePoints: 10, day: 1, week: 'W', month: 'M',
    weekExpiresAt: now + 1e9, monthExpiresAt: now + 1e9, scoreWindowMs: 1e9, now, deliveryTtlMs: 1e9,
  };
};

describe('store:backup and store:check', () => {
  it('backs up online while another process writes, and the copy opens with the data', async () => {
    const dataDir = tempDir();
    const out = tempDir();
    const writer = await StoreProcess.start(dataDir);
    try {
      for (let i = 0; i < 50; i++) await writer.call('recordAnswer', answer(i));
      const more = Promise.all(Array.from({ length: 200 }, (_, i) => writer.call('recordAnswer', answer(50 + i))));
      // From another folder: FILE is relative to where the command is typed.
      const run = await npmRun('store:backup', ['copy.sqlite'], { DATA_DIR: dataDir }, out);
      await more;
      expect(run.err).toBe('');
      expect(run.code).toBe(0);
      expect(run.out).toMatch(new RegExp(`Backed up to ${join(out, 'copy.sqlite')} \\(\\d+ bytes, schema version \\d+\\); integrity check: ok`));
    } finally {
      await writer.stop();
    }
    const restored = tempDir();
    copyFileSync(join(out, 'copy.sqlite'), join(restored, DB_FILE));
    const store = await SqliteStore.open({ clock: { now: () => Date.now() }, dataDir: restored });
    const board = await store.getLeaderboard(c, { scope: 'users', period: 'all', key: 'all' }, 0, 1, 'u0');
    expect(board.total).toBeGreaterThanOrEqual(50);
    expect(await store.getStats(aUser('u0', c))).toMatchObject({ answered: 1, points: 10 });
    await store.close();

    const again = await npmRun('store:backup', [join(out, 'copy.sqlite')], { DATA_DIR: dataDir });
    expect(again.code).toBe(1);
    expect(again.err).toContain('already exists; choose a new file name');
  });

  it('checks integrity, and reports a damaged file', async () => {
    const dataDir = tempDir();
    const store = await SqliteStore.open({ clock: { now: () => Date.now() }, dataDir });
    for (let i = 0; i < 300; i++) await store.recordAnswer(answer(i));
    await store.close();
    const ok = await npmRun('store:check', [], { DATA_DIR: dataDir });
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(new RegExp(`${join(dataDir, DB_FILE)}: ok \\(\\d+ bytes, schema version \\d+\\)`));

    const missing = await npmRun('store:check', [], { DATA_DIR: join(dataDir, 'nope') });
    expect(missing.code).toBe(1);
    expect(missing.err).toContain(`There is no database at ${join(dataDir, 'nope', DB_FILE)}`);

    // Overwrite a page in the middle of the file with garbage.
    const file = join(dataDir, DB_FILE);
    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.alloc(4096, 0x5a), 0, 4096, Math.floor(statSync(file).size / 8192) * 4096);
    closeSync(fd);
    const bad = await npmRun('store:check', [], { DATA_DIR: dataDir });
    expect(bad.code).not.toBe(0);
    expect(bad.out + bad.err).toMatch(/problem|malformed|corrupt/i);
  });
});

import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/store/memory-store.js';
import { AppError } from '../../src/core/errors.js';
import { aCommunity, aUser, FixedClock } from '../support/builders.js';
import { storeContract } from './store-contract.js';

storeContract('MemoryStore', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'backprop-mem-'));
  const store = await MemoryStore.open({ clock: { now: () => Date.now() }, dataDir: dir });
  return { store, cleanup: async () => { await store.close(); rmSync(dir, { recursive: true, force: true }); } };
});

describe('MemoryStore persistence', () => {
  const tmp = () => mkdtempSync(join(tmpdir(), 'backprop-mem-'));

  it('survives a restart: everything acknowledged is on disk', async () => {
    const dir = tmp();
    const clock = new FixedClock(Date.parse('2026-11-23T10:00:00Z'));
    const a = await MemoryStore.open({ clock, dataDir: dir });
    const u = aUser('u1', aCommunity('g'));
    await a.joinTeam(u, 'owls', 'Owls');
    await Promise.all(Array.from({ length: 20 }, (_, i) => a.pushRecent(u, `q${i}`, 50)));
    // No close(): a crash right after the last acknowledged write.
    const b = await MemoryStore.open({ clock, dataDir: dir });
    expect(await b.getUserTeam(u)).toEqual({ key: 'owls', name: 'Owls', members: 1 });
    expect((await b.getRecent(u)).length).toBe(20);
    rmSync(dir, { recursive: true, force: true });
  });

  it('expires period boards by the injected clock', async () => {
    const clock = new FixedClock(Date.parse('2026-11-23T10:00:00Z'));
    const s = await MemoryStore.open({ clock });
    const u = aUser('u1');
    await s.recordAnswer({
      user: u, deliveryId: 'd', questionId: 'q', topic: 't', correct: true, basePoints: 5, day: 1, week: 'W', month: 'M',
      weekExpiresAt: clock.now() + 1000, monthExpiresAt: clock.now() + 5000, scoreWindowMs: 10_000, now: clock.now(), deliveryTtlMs: 1000,
    });
    const week = { scope: 'users' as const, period: 'week' as const, key: 'W' };
    expect((await s.getLeaderboard(u.community, week, 0, 10, 'u1')).total).toBe(1);
    clock.advance(1001);
    expect((await s.getLeaderboard(u.community, week, 0, 10, 'u1')).total).toBe(0);
    expect((await s.getLeaderboard(u.community, { scope: 'users', period: 'month', key: 'M' }, 0, 10, 'u1')).total).toBe(1);
  });

  it('refuses a corrupted data file with a clear error and leaves it untouched', async () => {
    const dir = tmp();
    const file = join(dir, 'backprop-store.json');
    for (const content of ['{"version":1,"entries":{"k":', '{"version":2,"entries":{}}', '[]']) {
      writeFileSync(file, content);
      const err = await MemoryStore.open({ clock: new FixedClock(0), dataDir: dir }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe('STORE_CORRUPT');
      expect((err as AppError).message).toContain(file);
      expect(readFileSync(file, 'utf8')).toBe(content);
    }
    expect(existsSync(`${file}.${process.pid}.tmp`)).toBe(false);
    rmSync(dir, { recursive: true, force: true });
  });
});

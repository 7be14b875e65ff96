import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/store/memory-store.js';
import { aUser, FixedClock } from '../support/builders.js';
import { storeContract } from './store-contract.js';

storeContract('MemoryStore', async () => {
  const store = await MemoryStore.open({ clock: { now: () => Date.now() } });
  return { store, cleanup: async () => store.close() };
});

describe('MemoryStore', () => {
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
});

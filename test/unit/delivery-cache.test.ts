import { describe, expect, it } from 'vitest';
import { CachedDeliveries } from '../../src/core/quiz/delivery-cache.js';
import type { Delivery } from '../../src/core/quiz/delivery.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { aCommunity, FixedClock } from '../support/builders.js';

const HOUR = 3_600_000;

/** A real MemoryStore whose delivery reads are counted: what the cache saves is store reads. */
async function countedStore(clock: FixedClock) {
  const store = await MemoryStore.open({ clock });
  let reads = 0;
  const get = store.getDelivery.bind(store);
  store.getDelivery = (c, id) => {
    reads++;
    return get(c, id);
  };
  return { store, reads: () => reads };
}

describe('CachedDeliveries: deliveries read once per process, the least recently used dropped first', () => {
  const community = aCommunity('g-cache');
  const delivery = (id: string, now: number): Delivery => ({ id, questionId: 'q1', mode: 'choice', ownerId: null, order: [0, 1, 2, 3], createdAt: now, expiresAt: now + HOUR });

  it('serves saved and read deliveries without the store, up to its capacity; the least recently used goes first', async () => {
    const clock = new FixedClock(Date.parse('2026-12-01T09:00:00Z'));
    const { store, reads } = await countedStore(clock);
    const cache = new CachedDeliveries(store, clock, 3);
    for (const id of ['a', 'b', 'c']) await cache.saveDelivery(community, delivery(id, clock.now()));
    expect((await cache.getDelivery(community, 'a'))?.id).toBe('a'); // a is now the most recent
    expect(reads()).toBe(0);
    await cache.saveDelivery(community, delivery('d', clock.now())); // over capacity: b goes, not a
    for (const id of ['a', 'c', 'd']) expect((await cache.getDelivery(community, id))?.id).toBe(id);
    expect(reads()).toBe(0);
    expect((await cache.getDelivery(community, 'b'))?.id).toBe('b'); // read from the store again
    expect(reads()).toBe(1);
    expect((await cache.getDelivery(community, 'b'))?.id).toBe('b');
    expect(reads()).toBe(1);
  });

  it('treats an expired delivery as gone, as the store does, and never serves another community its delivery', async () => {
    const clock = new FixedClock(Date.parse('2026-12-01T09:00:00Z'));
    const { store } = await countedStore(clock);
    const cache = new CachedDeliveries(store, clock, 10);
    await cache.saveDelivery(community, delivery('x', clock.now()));
    expect(await cache.getDelivery(aCommunity('g-other'), 'x')).toBeNull();
    clock.advance(HOUR);
    expect(await cache.getDelivery(community, 'x')).toBeNull();
  });
});

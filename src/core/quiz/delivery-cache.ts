import { LRUCache } from 'lru-cache';
import type { DeliveryStore } from '../delivery-store.js';
import type { Community, UserRef } from '../identity.js';
import { communityKey } from '../identity.js';
import type { Clock } from '../ports.js';
import type { Delivery } from './delivery.js';

/** Enough for every quiz of a busy hour; an evicted delivery is read from the store again. */
const DEFAULT_CAPACITY = 10_000;

/**
 * A per-process cache in front of the deliveries port. A delivery never changes once saved (it is
 * only ever written by saveDelivery, once, and then expires), so a click on a delivery this process
 * created or has read before needs no store round trip; an expired one is treated as gone, as the
 * store would. Hints and recent questions go straight through.
 */
export class CachedDeliveries implements DeliveryStore {
  /** Least recently used out first, in constant time (a Map's oldest-first delete slows as holes pile up). */
  private readonly cache: LRUCache<string, Delivery>;

  constructor(
    private readonly store: DeliveryStore,
    private readonly clock: Clock,
    capacity = DEFAULT_CAPACITY,
  ) {
    this.cache = new LRUCache({ max: capacity });
  }

  async saveDelivery(c: Community, d: Delivery): Promise<void> {
    await this.store.saveDelivery(c, d);
    this.remember(c, d);
  }

  async getDelivery(c: Community, id: string): Promise<Delivery | null> {
    const key = `${communityKey(c)}\u0000${id}`;
    const hit = this.cache.get(key);
    if (hit) {
      if (this.clock.now() < hit.expiresAt) return hit;
      this.cache.delete(key);
    }
    const d = await this.store.getDelivery(c, id);
    if (d) this.remember(c, d);
    return d;
  }

  markHint(c: Community, deliveryId: string, userId: string, ttlMs: number): Promise<boolean> {
    return this.store.markHint(c, deliveryId, userId, ttlMs);
  }

  pushRecent(user: UserRef, questionId: string, keep: number): Promise<void> {
    return this.store.pushRecent(user, questionId, keep);
  }

  getRecent(user: UserRef): Promise<string[]> {
    return this.store.getRecent(user);
  }

  private remember(c: Community, d: Delivery): void {
    this.cache.set(`${communityKey(c)}\u0000${d.id}`, d);
  }
}

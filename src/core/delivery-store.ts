import type { Community, UserRef } from './identity.js';
import type { Delivery } from './quiz/delivery.js';

/** Deliveries port: the questions shown, the hints taken, and what each user saw lately. */
export interface DeliveryStore {
  saveDelivery(c: Community, d: Delivery): Promise<void>;
  getDelivery(c: Community, id: string): Promise<Delivery | null>;
  /** Records that the user took the hint; returns false when they already had. */
  markHint(c: Community, deliveryId: string, userId: string, ttlMs: number): Promise<boolean>;
  pushRecent(user: UserRef, questionId: string, keep: number): Promise<void>;
  getRecent(user: UserRef): Promise<string[]>;
}

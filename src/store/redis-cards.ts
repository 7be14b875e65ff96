import type { Cluster, Redis } from 'ioredis';
import type { UserRef } from '../core/identity.js';
import { topicProgress, type CardRecord, type ReviewTally, type TopicProgress } from '../core/learning/card.js';
import type { CardStore } from '../core/learning/card-store.js';
import { communityKeys } from './keys.js';
import type { ScriptCommands } from './lua-scripts.js';
import type { PendingAnswers } from './redis-pending.js';

/**
 * RedisStore's cards: one hash of card records per member and a sorted set of due dates, so "what
 * is due" is one ZRANGEBYSCORE; every key under the community's hash tag. saveCard is
 * lua/save-card-3.lua (compare-and-set across the three keys).
 *
 * A quiz answer's review is only queued by the click's script (lua/record-answer-1.lua), so a click
 * neither waits for ts-fsrs nor writes the card: every read here first folds the member's queue
 * (redis-pending.ts), so what the learning loop reads always includes every recorded answer,
 * whichever process recorded it.
 */
export class RedisCards implements CardStore {
  constructor(
    private readonly redis: (Redis | Cluster) & ScriptCommands,
    private readonly prefix: string,
    private readonly pending: PendingAnswers,
  ) {}

  private k(user: UserRef) {
    const k = communityKeys(this.prefix, user.community);
    return { cards: k.cards(user.userId), due: k.cardsDue(user.userId), tally: k.reviewTally(user.userId) };
  }

  async getCard(user: UserRef, questionId: string): Promise<CardRecord | null> {
    await this.pending.settle(user);
    const raw = await this.redis.hget(this.k(user).cards, questionId);
    return raw === null ? null : (JSON.parse(raw) as CardRecord);
  }

  async saveCard(user: UserRef, card: CardRecord, expectedReps: number, tally?: { recalled: boolean }): Promise<boolean> {
    const k = this.k(user);
    const saved = await this.redis.saveCard(k.cards, k.due, k.tally, card.questionId, expectedReps, JSON.stringify(card), card.due, tally ? 1 : 0, tally?.recalled ? 1 : 0);
    return saved === 1;
  }

  async dueCards(user: UserRef, until: number, limit: number): Promise<CardRecord[]> {
    await this.pending.settle(user);
    const k = this.k(user);
    const ids = await this.redis.zrangebyscore(k.due, '-inf', until, 'LIMIT', 0, limit);
    if (ids.length === 0) return [];
    const raws = await this.redis.hmget(k.cards, ...ids);
    return raws.filter((r): r is string => r !== null).map((r) => JSON.parse(r) as CardRecord);
  }

  async countDue(user: UserRef, until: number): Promise<number> {
    await this.pending.settle(user);
    return this.redis.zcount(this.k(user).due, '-inf', until);
  }

  async cardIds(user: UserRef): Promise<string[]> {
    await this.pending.settle(user);
    return this.redis.hkeys(this.k(user).cards);
  }

  async topicProgress(user: UserRef, since: number): Promise<Record<string, TopicProgress>> {
    await this.pending.settle(user);
    const raws = await this.redis.hvals(this.k(user).cards);
    return topicProgress(raws.map((r) => JSON.parse(r) as CardRecord), since);
  }

  async reviewTally(user: UserRef): Promise<ReviewTally> {
    await this.pending.settle(user);
    const h = await this.redis.hgetall(this.k(user).tally);
    return { reviews: Number(h.reviews ?? 0), recalled: Number(h.recalled ?? 0) };
  }
}

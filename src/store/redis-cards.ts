import type { Cluster, Redis } from 'ioredis';
import { communityKey, type UserRef } from '../core/identity.js';
import { topicProgress, type CardRecord, type ReviewTally, type TopicProgress } from '../core/learning/card.js';
import type { AnswerReview, CardStore } from '../core/learning/card-store.js';
import { answerReview } from '../core/learning/answer-review.js';
import { communityKeys } from './keys.js';
import type { ScriptCommands } from './lua-scripts.js';

/** Queued reviews folded in one go (a fold of more goes batch by batch). */
const FOLD_BATCH = 200;
/** Tries before a read gives up folding and reads the cards as they are (the queue stays for the next). */
const FOLD_ATTEMPTS = 5;
/** A click that leaves this many reviews queued folds them in the background, so the queue stays short. */
export const FOLD_AT = 32;

/**
 * RedisStore's cards: one hash of card records per member and a sorted set of due dates, so "what
 * is due" is one ZRANGEBYSCORE; every key under the community's hash tag. saveCard is
 * lua/save-card-3.lua (compare-and-set across the three keys).
 *
 * A quiz answer's review is only queued by the click's script (lua/record-answer-1.lua), so a click
 * neither waits for ts-fsrs nor writes the card: every read here first folds the member's queue
 * into the cards (lua/fold-reviews-4.lua, compare-and-set like saveCard), so what the learning loop
 * reads always includes every recorded answer, whichever process recorded it.
 */
export class RedisCards implements CardStore {
  /**
   * The fold each member's reads wait for in this process. Reads made before it reads the queue
   * share it (practice and stats read several things at once); a read made after must see the
   * answers queued since, so it gets a fold of its own after that one.
   */
  private readonly folding = new Map<string, { started: boolean; run: Promise<void> }>();

  constructor(
    private readonly redis: (Redis | Cluster) & ScriptCommands,
    private readonly prefix: string,
  ) {}

  private k(user: UserRef) {
    const k = communityKeys(this.prefix, user.community);
    return { cards: k.cards(user.userId), due: k.cardsDue(user.userId), tally: k.reviewTally(user.userId), pending: k.cardsPending(user.userId) };
  }

  /** Folds the member's queued reviews into their cards; reads call it first. */
  settle(user: UserRef): Promise<void> {
    const key = `${communityKey(user.community)}|${user.userId}`;
    const current = this.folding.get(key);
    if (current && !current.started) return current.run;
    const next = { started: false, run: Promise.resolve() };
    next.run = (current?.run ?? Promise.resolve())
      .catch(() => undefined) // that read's failure is its own
      .then(() => {
        next.started = true;
        return this.fold(user);
      })
      .finally(() => {
        if (this.folding.get(key) === next) this.folding.delete(key);
      });
    this.folding.set(key, next);
    return next.run;
  }

  /** Resolves once no fold of this process is under way (RedisStore.close waits for background folds). */
  async idle(): Promise<void> {
    while (this.folding.size > 0) await Promise.allSettled([...this.folding.values()].map((f) => f.run));
  }

  private async fold(user: UserRef): Promise<void> {
    const k = this.k(user);
    for (let attempt = 0; attempt < FOLD_ATTEMPTS; ) {
      const entries = await this.redis.lrange(k.pending, 0, FOLD_BATCH - 1);
      if (entries.length === 0) return;
      const reviews = entries.flatMap(queued);
      const ids = [...new Set(reviews.map((r) => r.review.questionId))];
      const raws = ids.length ? await this.redis.hmget(k.cards, ...ids) : [];
      const stored = new Map(ids.map((id, i): [string, CardRecord | null] => [id, raws[i] ? (JSON.parse(raws[i]) as CardRecord) : null]));
      // Each card's reps as read (the compare-and-set), then every review in the order recorded.
      const readReps = new Map(ids.map((id) => [id, stored.get(id)?.reps ?? 0]));
      let tallied = 0;
      let recalled = 0;
      for (const { review, usedHint } of reviews) {
        const save = answerReview(stored.get(review.questionId) ?? null, review, usedHint);
        if (!save) continue;
        stored.set(review.questionId, save.card);
        if (save.tally) {
          tallied++;
          if (save.tally.recalled) recalled++;
        }
      }
      const cards = ids.flatMap((id) => {
        const card = stored.get(id);
        return card && card.reps !== readReps.get(id) ? [id, readReps.get(id)!, JSON.stringify(card), card.due] : [];
      });
      const folded = await this.redis.foldReviews(k.pending, k.cards, k.due, k.tally, entries[0]!, entries.length, tallied, recalled, ...cards);
      if (folded !== 1) attempt++;
      else if (entries.length < FOLD_BATCH) return;
    }
  }

  async getCard(user: UserRef, questionId: string): Promise<CardRecord | null> {
    await this.settle(user);
    const raw = await this.redis.hget(this.k(user).cards, questionId);
    return raw === null ? null : (JSON.parse(raw) as CardRecord);
  }

  async saveCard(user: UserRef, card: CardRecord, expectedReps: number, tally?: { recalled: boolean }): Promise<boolean> {
    const k = this.k(user);
    const saved = await this.redis.saveCard(k.cards, k.due, k.tally, card.questionId, expectedReps, JSON.stringify(card), card.due, tally ? 1 : 0, tally?.recalled ? 1 : 0);
    return saved === 1;
  }

  async dueCards(user: UserRef, until: number, limit: number): Promise<CardRecord[]> {
    await this.settle(user);
    const k = this.k(user);
    const ids = await this.redis.zrangebyscore(k.due, '-inf', until, 'LIMIT', 0, limit);
    if (ids.length === 0) return [];
    const raws = await this.redis.hmget(k.cards, ...ids);
    return raws.filter((r): r is string => r !== null).map((r) => JSON.parse(r) as CardRecord);
  }

  async countDue(user: UserRef, until: number): Promise<number> {
    await this.settle(user);
    return this.redis.zcount(this.k(user).due, '-inf', until);
  }

  async cardIds(user: UserRef): Promise<string[]> {
    await this.settle(user);
    return this.redis.hkeys(this.k(user).cards);
  }

  async topicProgress(user: UserRef, since: number): Promise<Record<string, TopicProgress>> {
    await this.settle(user);
    const raws = await this.redis.hvals(this.k(user).cards);
    return topicProgress(raws.map((r) => JSON.parse(r) as CardRecord), since);
  }

  async reviewTally(user: UserRef): Promise<ReviewTally> {
    await this.settle(user);
    const h = await this.redis.hgetall(this.k(user).tally);
    return { reviews: Number(h.reviews ?? 0), recalled: Number(h.recalled ?? 0) };
  }
}

/** A queue entry (the hint mark, then the review's JSON); one that cannot be read is dropped, not retried forever. */
function queued(entry: string): { usedHint: boolean; review: AnswerReview }[] {
  try {
    const review = JSON.parse(entry.slice(1)) as AnswerReview;
    return typeof review.questionId === 'string' && typeof review.at === 'number' ? [{ usedHint: entry[0] === '1', review }] : [];
  } catch {
    return [];
  }
}

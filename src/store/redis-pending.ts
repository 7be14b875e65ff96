import type { Cluster, Redis } from 'ioredis';
import { communityKey, type UserRef } from '../core/identity.js';
import type { AnswerInput } from '../core/answer-rules.js';
import type { CardRecord } from '../core/learning/card.js';
import type { AnswerReview } from '../core/learning/card-store.js';
import { answerReview } from '../core/learning/answer-review.js';
import { communityKeys } from './keys.js';
import type { ScriptCommands } from './lua-scripts.js';

/** Queued answers folded in one go (a fold of more goes batch by batch). */
const FOLD_BATCH = 200;
/** Tries before a read gives up folding and reads what is stored (the queue stays for the next). */
const FOLD_ATTEMPTS = 5;
/** A click that leaves this many answers queued folds them in the background, so the queue stays short. */
export const FOLD_AT = 32;

/**
 * What a click queues besides the hint mark and the points the script works out (see queuedAnswer):
 * the topic, right or wrong, the member's local day, the heat map's settings when it counts (days
 * kept, and when the hash expires: its lifetime from the answer, not from the fold), and the answer's
 * FSRS review when the learning loop asked for one.
 */
interface QueuedAnswer {
  t: string;
  c: 0 | 1;
  d: number;
  a?: [keepDays: number, expiresAt: number] | undefined;
  r?: AnswerReview | undefined;
  /** The delivery, when there is no review to name it: every entry is unique (the fold's compare-and-set). */
  i?: string | undefined;
}

/** The JSON lua/record-answer-1.lua queues after "hint|points|" for an answer it records. */
export function queuedAnswer(a: AnswerInput): string {
  const q: QueuedAnswer = { t: a.topic, c: a.correct ? 1 : 0, d: a.day, a: a.activity && [a.activity.keepDays, a.now + a.activity.ttlMs], r: a.review, i: a.review ? undefined : a.deliveryId };
  return JSON.stringify(q);
}

/** A queue entry read back; `answer` null for an older entry, whose stats and day the click counted. */
interface Entry {
  usedHint: boolean;
  points: number;
  answer: QueuedAnswer | null;
  review: AnswerReview | undefined;
}

/**
 * A member's answers that the click only queued (lua/record-answer-1.lua, one RPUSH): their stats
 * totals, answers per day (the heat map) and FSRS reviews. Every read of those first folds the queue
 * (settle): it adds a batch up in Node, works the reviews out with ts-fsrs, and saves it all and
 * trims the batch from the queue in one script (lua/fold-answers-6.lua, compare-and-set on the
 * queue's head and the cards' reps). So a read always includes every recorded answer, whichever
 * process recorded it, and a batch of answers costs a few increments instead of a few per answer.
 *
 * Reviews queued alone, as before stats and the heat map were queued too ("hint" then the review's
 * JSON, the stats already counted by the click), wait in a queue of their own (keys.ts
 * pendingReviews) and fold the same way, first.
 */
export class PendingAnswers {
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

  /** Folds the member's queued answers into their cards, stats and heat map; reads call it first. */
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
    const k = communityKeys(this.prefix, user.community);
    const u = user.userId;
    const [reviewsKey, answersKey, cardsKey] = [k.pendingReviews(u), k.pendingAnswers(u), k.cards(u)];
    for (let attempt = 0; attempt < FOLD_ATTEMPTS; ) {
      // Both queues in one round trip; the older one's entries fold first.
      const [reviews, answers] = ((await this.redis.pipeline().lrange(reviewsKey, 0, FOLD_BATCH - 1).lrange(answersKey, 0, FOLD_BATCH - 1).exec()) ?? []).map(
        ([error, rows]) => {
          if (error) throw error;
          return rows as string[];
        },
      ) as [string[], string[]];
      const [queue, raw] = reviews.length > 0 ? [reviewsKey, reviews] : [answersKey, answers];
      if (raw.length === 0) return;
      const entries = raw.flatMap(readEntry);
      const ids = [...new Set(entries.flatMap((e) => (e.review ? [e.review.questionId] : [])))];
      const raws = ids.length ? await this.redis.hmget(cardsKey, ...ids) : [];
      const stored = new Map(ids.map((id, i): [string, CardRecord | null] => [id, raws[i] ? (JSON.parse(raws[i]) as CardRecord) : null]));
      // Each card's reps as read (the compare-and-set), then every review in the order recorded.
      const readReps = new Map(ids.map((id) => [id, stored.get(id)?.reps ?? 0]));
      const sums = new Sums();
      for (const { usedHint, points, answer, review } of entries) {
        if (answer) sums.count(answer, points);
        const save = review && answerReview(stored.get(review.questionId) ?? null, review, usedHint);
        if (!save) continue;
        stored.set(review.questionId, save.card);
        if (save.tally) sums.tally(save.tally.recalled);
      }
      const cards = ids.flatMap((id) => {
        const card = stored.get(id);
        return card && card.reps !== readReps.get(id) ? [id, readReps.get(id)!, JSON.stringify(card), card.due] : [];
      });
      const folded = await this.redis.foldAnswers(queue, cardsKey, k.cardsDue(u), k.reviewTally(u), k.stats(u), k.activity(u), raw[0]!, raw.length, ...sums.args(), ...cards);
      if (folded !== 1) attempt++;
      else if (queue === answersKey && raw.length < FOLD_BATCH) return;
    }
  }
}

/** A batch's increments: stats fields, answers per day, the retention tally. */
class Sums {
  private readonly stats = new Map<string, number>();
  private readonly days = new Map<number, number>();
  private activity: [number, number] | undefined;
  private reviews = 0;
  private recalled = 0;

  count(a: QueuedAnswer, points: number): void {
    const add = <K>(m: Map<K, number>, key: K, n = 1) => m.set(key, (m.get(key) ?? 0) + n);
    add(this.stats, 'answered');
    add(this.stats, `a:${a.t}`);
    if (a.c === 1) {
      add(this.stats, 'correct');
      add(this.stats, `c:${a.t}`);
    }
    if (points !== 0) add(this.stats, 'points', points);
    if (a.a) {
      add(this.days, a.d);
      // The latest lifetime and days kept (a batch's first answer of a day renews the hash's expiry).
      if (!this.activity || a.a[1] >= this.activity[1]) this.activity = a.a;
    }
  }

  tally(recalled: boolean): void {
    this.reviews++;
    if (recalled) this.recalled++;
  }

  /** lua/fold-answers-6.lua's ARGV[3..] before the cards. */
  args(): (string | number)[] {
    return [
      this.reviews,
      this.recalled,
      this.stats.size,
      this.days.size,
      this.activity?.[0] ?? '',
      this.activity?.[1] ?? '',
      ...[...this.stats].flat(),
      ...[...this.days].flat(),
    ];
  }
}

/**
 * "hint|points|JSON" (queuedAnswer), or the older "hint" then a review's JSON whose stats the click
 * counted itself. One that cannot be read is dropped, not retried forever.
 */
function readEntry(entry: string): Entry[] {
  try {
    const usedHint = entry[0] === '1';
    if (entry[1] !== '|') {
      const review = JSON.parse(entry.slice(1)) as AnswerReview;
      return isReview(review) ? [{ usedHint, points: 0, answer: null, review }] : [];
    }
    const bar = entry.indexOf('|', 2);
    const points = Number(entry.slice(2, bar));
    if (bar < 0 || !Number.isInteger(points)) return [];
    const answer = JSON.parse(entry.slice(bar + 1)) as QueuedAnswer;
    if (typeof answer.t !== 'string' || !Number.isInteger(answer.d)) return [];
    return [{ usedHint, points, answer, review: answer.r && isReview(answer.r) ? answer.r : undefined }];
  } catch {
    return [];
  }
}

const isReview = (r: AnswerReview): boolean => typeof r.questionId === 'string' && typeof r.at === 'number';

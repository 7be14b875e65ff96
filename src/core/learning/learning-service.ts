import { LRUCache } from 'lru-cache';
import { DateTime } from 'luxon';
import type { Question } from '../bank/schema.js';
import type { QuestionBanks } from '../packs/community-bank.js';
import { DEFAULT_TIME_ZONE } from '../calendar.js';
import type { DeliveryStore } from '../delivery-store.js';
import type { UserRef } from '../identity.js';
import type { Clock, Logger, Random } from '../ports.js';
import { fail, ok, type Result } from '../result.js';
import { selectQuestion } from '../quiz/select-question.js';
import { communityKey } from '../identity.js';
import { reviewCard, type CardRecord, type ReviewTally, type TopicProgress } from './card.js';
import type { CardSave, CardStore, ReviewOutcome, ReviewWrite } from './card-store.js';
import type { AnswerObserver, DueCards, GradedAnswer, PlannedAnswer, ReviewPlanner } from './graded-answer.js';
import { recalled, reviewRating, type ReviewRating } from './review-rating.js';
import { weakestTopic, type NewCardReason } from './weakest-topic.js';

/** Accuracy per topic counts the cards last answered in this many days. */
export const RECENT_DAYS = 30;
const DAY = 86_400_000;
/** Two answers to one card at once: the loser re-reads and reviews again, a few times at most. */
const SAVE_ATTEMPTS = 3;
/** How many due cards practice looks through for one of the chosen topic still in the bank. */
const DUE_SCAN = 50;
/**
 * Cards this process saved or served lately, the guesses reviews are planned from (about 20 MB when
 * full). Full is the usual state of a busy process: lru-cache drops the least recent in constant
 * time, where a Map's "delete the first key" costs more the more entries were deleted before it
 * (about 20 µs a click at this size; `npm run bench` measures it).
 */
const SEEN_CARDS = 50_000;

export interface LearningDeps {
  /** The questions each community sees: the bank plus its packs, minus paused questions. */
  banks: QuestionBanks;
  cards: CardStore;
  deliveries: DeliveryStore;
  clock: Clock;
  random: Random;
  logger: Logger;
}

/** Why practice chose a card; the views word it. */
export type PracticeReason =
  | { kind: 'review'; lastSeen: number; due: number }
  /** Nothing due and nothing new left: the card due soonest, reviewed early. */
  | { kind: 'ahead'; lastSeen: number; due: number }
  | ({ kind: 'new' } & NewCardReason);

export interface PracticePick {
  question: Question;
  reason: PracticeReason;
}

export interface LearningOverview {
  dueToday: number;
  dueThisWeek: number;
  retention: ReviewTally;
  topics: Record<string, TopicProgress>;
}

/**
 * The memory model: every graded answer becomes an FSRS review of the member's card for that
 * question (review-rating.ts, card.ts), and practice serves due reviews before new questions.
 */
export class LearningService implements AnswerObserver, ReviewPlanner, DueCards {
  /**
   * The last card this process saved or read per member and question, oldest first. Only a guess:
   * every save compares reps with the store, so a card another process changed costs a retry, not
   * a lost review. A miss guesses "no card yet", right for every first answer.
   */
  private readonly seen = new LRUCache<string, CardRecord>({ max: SEEN_CARDS });

  constructor(private readonly deps: LearningDeps) {}

  planReview(answer: PlannedAnswer): ReviewWrite {
    const prev = this.seen.get(seenKey(answer.user, answer.questionId)) ?? null;
    const reps = prev?.reps ?? 0;
    const [plain, hinted] = [{ ...answer, usedHint: false }, { ...answer, usedHint: true }];
    const [plainRating, hintedRating] = [reviewRating(plain, reps), reviewRating(hinted, reps)];
    const withoutHint = cardAfter(prev, plain, plainRating);
    // Most answers rate the same either way (a wrong one, a flash rating): one card then.
    const withHint = hintedRating === plainRating ? withoutHint : cardAfter(prev, hinted, hintedRating);
    return { expectedReps: prev?.reps ?? 0, withoutHint, withHint };
  }

  async reviewRecorded(answer: GradedAnswer, outcome: ReviewOutcome | undefined): Promise<void> {
    if (outcome?.saved) return this.remember(answer.user, outcome.card);
    await this.review(answer, outcome ? { prev: outcome.stored } : undefined);
  }

  answerGraded(answer: GradedAnswer): Promise<void> {
    return this.review(answer);
  }

  /** Read (unless the stored card is known), review, compare-and-set; again if another answer won. */
  private async review(answer: GradedAnswer, known?: { prev: CardRecord | null }): Promise<void> {
    const { cards, logger } = this.deps;
    for (let attempt = 0; attempt < SAVE_ATTEMPTS; attempt++) {
      const prev = attempt === 0 && known ? known.prev : await cards.getCard(answer.user, answer.questionId);
      if (answer.deliveryId !== undefined && prev?.lastDeliveryId === answer.deliveryId) return this.remember(answer.user, prev); // a replay
      const next = cardAfter(prev, answer, reviewRating(answer, prev?.reps ?? 0));
      if (await cards.saveCard(answer.user, next.card, prev?.reps ?? 0, next.tally)) return this.remember(answer.user, next.card);
    }
    logger.warn('learning: card review lost to concurrent answers', { questionId: answer.questionId });
  }

  private remember(user: UserRef, card: CardRecord): void {
    this.seen.set(seenKey(user, card.questionId), card);
  }

  dueCount(user: UserRef, until: number): Promise<number> {
    return this.deps.cards.countDue(user, until);
  }

  /**
   * The next card to practise: the most overdue review first, then a question the member never
   * saw from their weakest topic (weakest-topic.ts), then the card due soonest, reviewed early.
   */
  async nextCard(user: UserRef, topic?: string): Promise<Result<PracticePick>> {
    const { banks, cards, deliveries, clock, random } = this.deps;
    const bank = await banks.for(user.community);
    const now = clock.now();
    const inTopic = (q: Question | undefined): q is Question => q !== undefined && (topic === undefined || q.topic === topic);
    // Any slug reaches here (a community's packs are topics too): name the valid ones, as quiz does.
    if (topic !== undefined && !bank.topics().includes(topic)) return fail('UNKNOWN_TOPIC', { topic, valid: bank.topics() });
    const pool = bank.filter({ topic });
    if (pool.length === 0) return fail('NO_QUESTIONS', { topic });

    // The card served is remembered: its answer is then planned from it, in one round trip.
    for (const card of await cards.dueCards(user, now, DUE_SCAN)) {
      const q = bank.get(card.questionId);
      if (inTopic(q)) {
        this.remember(user, card);
        return ok({ question: q, reason: { kind: 'review', lastSeen: card.lastReview, due: card.due } });
      }
    }

    const [seenIds, recent, progress] = await Promise.all([cards.cardIds(user), deliveries.getRecent(user), cards.topicProgress(user, now - RECENT_DAYS * DAY)]);
    const seen = new Set([...seenIds, ...recent]);
    const unseen = pool.filter((q) => !seen.has(q.id));
    if (unseen.length > 0) {
      const reason = weakestTopic(unseen, progress, topic, random);
      const question = selectQuestion(unseen.filter((q) => q.topic === reason.topic), [], random)!;
      return ok({ question, reason: { kind: 'new', ...reason } });
    }

    for (const card of await cards.dueCards(user, Number.MAX_SAFE_INTEGER, DUE_SCAN)) {
      const q = bank.get(card.questionId);
      if (inTopic(q)) {
        this.remember(user, card);
        return ok({ question: q, reason: { kind: 'ahead', lastSeen: card.lastReview, due: card.due } });
      }
    }
    // Shown lately but never answered: the one shown longest ago.
    const question = selectQuestion(pool, recent, random)!;
    return ok({ question, reason: { kind: 'new', ...(topic ? { why: 'chosen', topic } : { why: 'least-practised', topic: question.topic }) } });
  }

  /** What `review` and `stats` show: cards due today (the member's day) and this week, retention, topics. */
  async overview(user: UserRef, timeZone?: string  ): Promise<LearningOverview> {
    const { cards, clock } = this.deps;
    const now = clock.now();
    const endOfToday = DateTime.fromMillis(now, { zone: timeZone ?? DEFAULT_TIME_ZONE }).endOf('day').toMillis();
    const [dueToday, dueThisWeek, retention, topics] = await Promise.all([
      cards.countDue(user, endOfToday),
      cards.countDue(user, now + 7 * DAY),
      cards.reviewTally(user),
      cards.topicProgress(user, now - RECENT_DAYS * DAY),
    ]);
    return { dueToday, dueThisWeek, retention, topics };
  }
}

const seenKey = (user: UserRef, questionId: string) => `${communityKey(user.community)}|${user.userId}|${questionId}`;

/** The card after this answer. Only a card seen before counts for retention: a first answer recalls nothing. */
function cardAfter(prev: CardRecord | null, answer: GradedAnswer, rating: ReviewRating): CardSave {
  return { card: reviewCard(prev, answer.questionId, answer.topic, rating, answer.at, answer.deliveryId), tally: prev ? { recalled: recalled(rating) } : undefined };
}

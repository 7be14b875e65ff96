import { DateTime } from 'luxon';
import type { Question } from '../bank/schema.js';
import type { QuestionBanks } from '../packs/community-bank.js';
import { DEFAULT_TIME_ZONE } from '../calendar.js';
import type { DeliveryStore } from '../delivery-store.js';
import type { UserRef } from '../identity.js';
import type { Clock, Logger, Random } from '../ports.js';
import { fail, ok, type Result } from '../result.js';
import { selectQuestion } from '../quiz/select-question.js';
import type { ReviewTally, TopicProgress } from './card.js';
import type { CardStore } from './card-store.js';
import { answerReview } from './answer-review.js';
import type { AnswerObserver, DueCards, GradedAnswer } from './graded-answer.js';
import { weakestTopic, type NewCardReason } from './weakest-topic.js';

/** Accuracy per topic counts the cards last answered in this many days. */
export const RECENT_DAYS = 30;
const DAY = 86_400_000;
/** Two answers to one card at once: the loser re-reads and reviews again, a few times at most. */
const SAVE_ATTEMPTS = 3;
/** How many due cards practice looks through for one of the chosen topic still in the bank. */
const DUE_SCAN = 50;
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
export class LearningService implements AnswerObserver, DueCards {
  constructor(private readonly deps: LearningDeps) {}

  /**
   * An answer recorded apart from the store's answer step (an interview's): read the card, review,
   * compare-and-set; again if another answer won. A quiz answer's review rides in its store step
   * instead (AnswerInput.review).
   */
  async answerGraded(answer: GradedAnswer): Promise<void> {
    const { cards, logger } = this.deps;
    for (let attempt = 0; attempt < SAVE_ATTEMPTS; attempt++) {
      const prev = await cards.getCard(answer.user, answer.questionId);
      const save = answerReview(prev, answer, answer.usedHint);
      if (!save || (await cards.saveCard(answer.user, save.card, prev?.reps ?? 0, save.tally))) return;
    }
    logger.warn('learning: card review lost to concurrent answers', { questionId: answer.questionId });
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

    for (const card of await cards.dueCards(user, now, DUE_SCAN)) {
      const q = bank.get(card.questionId);
      if (inTopic(q)) {
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


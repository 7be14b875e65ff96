import { createEmptyCard, fsrs, generatorParameters, Rating, type Card, type Grade } from 'ts-fsrs';
import type { ReviewRating } from './review-rating.js';

/**
 * A member's memory of one question: the FSRS card state (ts-fsrs's Card, dates as epoch ms) plus
 * what the loop needs besides (topic, the last verdict). Stores keep it as an opaque record.
 */
export interface CardRecord {
  questionId: string;
  topic: string;
  /** When the next review is due (epoch ms). */
  due: number;
  stability: number;
  difficulty: number;
  elapsedDays: number;
  scheduledDays: number;
  learningSteps: number;
  /** Reviews so far; also the version the stores compare before saving. */
  reps: number;
  lapses: number;
  /** ts-fsrs State: 0 new, 1 learning, 2 review, 3 relearning. */
  state: number;
  /** The last review (epoch ms). */
  lastReview: number;
  /** Whether the last review was recalled (not rated again). */
  lastCorrect: boolean;
  /** The delivery of the last review, so a replayed answer is not reviewed twice. */
  lastDeliveryId?: string | undefined;
}

/** Retention: reviews of cards seen before, and how many of them were recalled. */
export interface ReviewTally {
  reviews: number;
  recalled: number;
}

export const NO_REVIEWS: ReviewTally = { reviews: 0, recalled: 0 };

/** One topic of a member's cards. */
export interface TopicProgress {
  /** Cards (questions answered at least once). */
  cards: number;
  /** Cards whose last review was recalled. */
  learned: number;
  /** Cards last reviewed since the "recent" cut-off, and how many of those were recalled. */
  recentAnswered: number;
  recentCorrect: number;
}

/**
 * Day-scale intervals only (no minute-long learning steps: a chat bot is not a flash-card app kept
 * open) and no fuzz, so the same answers schedule the same way in every store and test.
 */
const scheduler = fsrs(generatorParameters({ enable_short_term: false, enable_fuzz: false }));

const GRADES: Record<ReviewRating, Grade> = { again: Rating.Again, hard: Rating.Hard, good: Rating.Good, easy: Rating.Easy };

/**
 * A first review starts from an empty card; with neither fuzz nor short-term steps its outcome
 * depends on the rating alone, and its due date is that many days after the answer. Most answers
 * are a member's first to a question, and every store reviews each one (a Redis fold many at a
 * time), so ts-fsrs works out a first review once per rating (at time 0) and it is shifted to the
 * answer's time.
 */
const firstReviews = new Map<ReviewRating, CardRecord>();

/** The card after a review rated `rating` at `at`; a first answer starts from an empty card. */
export function reviewCard(prev: CardRecord | null, questionId: string, topic: string, rating: ReviewRating, at: number, deliveryId?: string): CardRecord {
  if (prev) return scheduled(prev, questionId, topic, rating, at, deliveryId);
  let first = firstReviews.get(rating);
  if (!first) firstReviews.set(rating, (first = scheduled(null, '', '', rating, 0)));
  // Object.assign, not a spread with properties after it (slow in V8; a fold makes many of these).
  const card: CardRecord = Object.assign({}, first, { questionId, topic, due: at + first.due, lastReview: at });
  if (deliveryId !== undefined) card.lastDeliveryId = deliveryId;
  return card;
}

function scheduled(prev: CardRecord | null, questionId: string, topic: string, rating: ReviewRating, at: number, deliveryId?: string): CardRecord {
  const card = prev ? toFsrs(prev) : createEmptyCard(new Date(at));
  const next = scheduler.next(card, new Date(at), GRADES[rating]).card;
  return {
    questionId,
    topic,
    due: next.due.getTime(),
    stability: next.stability,
    difficulty: next.difficulty,
    elapsedDays: next.elapsed_days,
    scheduledDays: next.scheduled_days,
    learningSteps: next.learning_steps,
    reps: next.reps,
    lapses: next.lapses,
    state: next.state,
    lastReview: at,
    lastCorrect: rating !== 'again',
    ...(deliveryId === undefined ? {} : { lastDeliveryId: deliveryId }),
  };
}

function toFsrs(c: CardRecord): Card {
  return {
    due: new Date(c.due),
    stability: c.stability,
    difficulty: c.difficulty,
    elapsed_days: c.elapsedDays,
    scheduled_days: c.scheduledDays,
    learning_steps: c.learningSteps,
    reps: c.reps,
    lapses: c.lapses,
    state: c.state,
    last_review: new Date(c.lastReview),
  };
}

/** Per-topic progress over a member's cards; "recent" means last reviewed at or after `since`. */
export function topicProgress(cards: Iterable<CardRecord>, since: number): Record<string, TopicProgress> {
  const out: Record<string, TopicProgress> = {};
  for (const c of cards) {
    const t = (out[c.topic] ??= { cards: 0, learned: 0, recentAnswered: 0, recentCorrect: 0 });
    t.cards++;
    if (c.lastCorrect) t.learned++;
    if (c.lastReview >= since) {
      t.recentAnswered++;
      if (c.lastCorrect) t.recentCorrect++;
    }
  }
  return out;
}

import type { Difficulty, Question } from '../bank/schema.js';
import type { QuestionBanks } from '../packs/community-bank.js';
import { DEFAULT_TIME_ZONE, calendarAt, ARCHIVE_MS } from '../calendar.js';
import { communityKey, type UserRef } from '../identity.js';
import { fail, ok, type Result } from '../result.js';
import { choicePoints, flashPoints, openPoints, SCORE_WINDOW_MS, type FlashRating } from '../scoring.js';
import type { AnswerOutcome } from '../answer-rules.js';
import type { DeliveryStore } from '../delivery-store.js';
import type { ScoreStore } from '../score-store.js';
import type { SettingsStore } from '../settings-store.js';
import type { Delivery, QuizMode } from './delivery.js';
import type { Grade, Grader } from '../grading/grader.js';
import { selectQuestion, shuffledOrder } from './select-question.js';
import type { Metrics } from '../metrics.js';
import type { GradedAnswer } from '../learning/graded-answer.js';
import type { AnswerReview } from '../learning/card-store.js';
import type { Clock, Random } from '../ports.js';
import { ACTIVITY_KEEP_DAYS, ACTIVITY_TTL_MS } from '../activity-store.js';

export const MAX_ANSWER_CHARS = 4000;
/** How many recently seen questions a user is spared from seeing again. */
export const RECENT_KEEP = 100;
/** A personal quiz stays answerable this long; buttons work across restarts until then. */
export const DELIVERY_TTL_MS = 7 * 86_400_000;

export interface CoreDeps {
  /** The bank plus the community's packs, minus its paused questions. */
  banks: QuestionBanks;
  deliveries: DeliveryStore;
  scores: ScoreStore;
  settings: SettingsStore;
  clock: Clock;
  random: Random;
  grader: Grader;
  /** Counts answers by mode and verdict; nothing by default. */
  metrics?: Metrics | undefined;
  /**
   * The memory model: every answer is also an FSRS review of the member's card for the question,
   * handed to the store with the answer (AnswerInput.review). Off by default.
   */
  reviewAnswers?: boolean | undefined;
  /** Count answers per day for the stats heat map (in the same store step as the answer); off when not set. */
  countActivity?: boolean | undefined;
}

export interface StartQuizRequest {
  user: UserRef;
  /** A bank topic or one of the community's packs. */
  topic?: string | undefined;
  difficulty?: Difficulty | undefined;
  mode: QuizMode;
  /** Posted in a channel: every member may answer once. */
  shared?: boolean | undefined;
  /** This question rather than a drawn one (practice picks its card itself). */
  questionId?: string | undefined;
  practice?: Delivery['practice'];
}

export interface PresentedQuiz {
  delivery: Delivery;
  question: Question;
  /** The four options in display order. */
  options: string[];
}

/** What grading said of an answer, as the memory model hears it. */
type Verdict = Pick<GradedAnswer, 'source' | 'correct' | 'score' | 'flashRating'>;

interface Recorded {
  delivery: Delivery;
  question: Question;
  outcome: Extract<AnswerOutcome, { status: 'recorded' }>;
  /** True while a daily question's answer is still hidden. */
  hidden: boolean;
}

export interface ChoiceResult extends Recorded {
  kind: 'choice';
  chosen: number;
  correctPosition: number;
  correct: boolean;
  options: string[];
}
export interface OpenResult extends Recorded {
  kind: 'open';
  grade: Grade;
}
export interface FlashResult extends Recorded {
  kind: 'flash';
  rating: FlashRating;
}
export type AnswerResult = ChoiceResult | OpenResult | FlashResult;

/** The quiz use cases: deliver a question, take a hint, grade and record an answer. */
export class QuizService {
  /**
   * Each community's time-zone setting as last seen ('' unset), so an answer needs no settings read:
   * the store checks it in the same atomic step and says when an admin changed it.
   */
  private readonly zones = new Map<string, string>();

  constructor(private readonly deps: CoreDeps) {}

  async start(req: StartQuizRequest): Promise<Result<PresentedQuiz>> {
    const { deliveries, clock, random } = this.deps;
    const bank = await this.deps.banks.for(req.user.community);
    if (req.topic !== undefined && !bank.topics().includes(req.topic)) return fail('UNKNOWN_TOPIC', { topic: req.topic, valid: bank.topics() });
    const chosen = req.questionId === undefined ? undefined : bank.get(req.questionId);
    const candidates = chosen ? [chosen] : bank.filter({ topic: req.topic, difficulty: req.difficulty });
    if (candidates.length === 0) {
      return fail('NO_QUESTIONS', { topic: req.topic, difficulty: req.difficulty });
    }
    const question = chosen ?? selectQuestion(candidates, await deliveries.getRecent(req.user), random)!;
    const now = clock.now();
    const delivery: Delivery = {
      id: random.id(),
      questionId: question.id,
      mode: req.mode,
      ownerId: req.shared ? null : req.user.userId,
      order: shuffledOrder(4, random),
      createdAt: now,
      expiresAt: now + DELIVERY_TTL_MS,
      ...(req.practice ? { practice: req.practice } : {}),
    };
    await deliveries.saveDelivery(req.user.community, delivery);
    await deliveries.pushRecent(req.user, question.id, RECENT_KEEP);
    return ok({ delivery, question, options: optionsInOrder(question, delivery) });
  }

  /**
   * Loads a delivery the user may act on, or says why not. Answers skip the "already answered"
   * check here: the store tells a repeat of the same submission (which gets its recorded result)
   * from a different one.
   */
  async open(user: UserRef, deliveryId: string, mode?: QuizMode, checkAnswered = true): Promise<Result<{ delivery: Delivery; question: Question; options: string[] }>> {
    const delivery = await this.deps.deliveries.getDelivery(user.community, deliveryId);
    const question = delivery ? await this.deps.banks.question(user.community, delivery.questionId) : undefined;
    if (!delivery || !question) {
      return fail('DELIVERY_NOT_FOUND', {});
    }
    if (delivery.revealAt !== undefined && this.deps.clock.now() >= delivery.revealAt) {
      return fail('DELIVERY_CLOSED', {});
    }
    if (delivery.ownerId !== null && delivery.ownerId !== user.userId) {
      return fail('NOT_YOUR_QUIZ', {});
    }
    if (mode && delivery.mode !== mode) {
      return fail('WRONG_MODE', { mode: delivery.mode, requested: mode });
    }
    if (checkAnswered && (await this.deps.scores.hasAnswered(user.community, deliveryId, user.userId))) {
      return fail('ALREADY_ANSWERED', {});
    }
    return ok({ delivery, question, options: optionsInOrder(question, delivery) });
  }

  /** Records the hint (it halves the points of this delivery's answer) and returns the quiz. */
  async hint(user: UserRef, deliveryId: string): Promise<Result<PresentedQuiz>> {
    const opened = await this.open(user, deliveryId);
    if (!opened.ok) return opened;
    const ttl = Math.max(1, opened.value.delivery.expiresAt - this.deps.clock.now());
    await this.deps.deliveries.markHint(user.community, deliveryId, user.userId, ttl);
    return opened;
  }

  async answerChoice(user: UserRef, deliveryId: string, position: number, timeZone?: string): Promise<Result<ChoiceResult>> {
    if (!Number.isInteger(position) || position < 0 || position > 3) {
      return fail('INVALID_ANSWER', { problem: 'choice', options: 4 });
    }
    const opened = await this.open(user, deliveryId, 'choice', false);
    if (!opened.ok) return opened;
    const { delivery, question, options } = opened.value;
    const correct = delivery.order[position] === 0;
    const rec = await this.record(user, delivery, question, { source: 'choice', correct }, choicePoints(question.difficulty, correct), timeZone, `choice:${position}`);
    if (!rec.ok) return rec;
    // The spread last: in Node 20's V8, properties added after a spread cost microseconds ({ ...a, b } is
    // some 30 times { b, ...a }), and this runs on every click.
    return ok({ kind: 'choice', chosen: position, correctPosition: delivery.order.indexOf(0), correct, options, ...rec.value });
  }

  async answerOpen(user: UserRef, deliveryId: string, text: string, timeZone?: string): Promise<Result<OpenResult>> {
    const answer = text.trim();
    if (answer.length === 0) return fail('INVALID_ANSWER', { problem: 'empty' });
    if (answer.length > MAX_ANSWER_CHARS) {
      return fail('INVALID_ANSWER', { problem: 'too-long', length: answer.length, max: MAX_ANSWER_CHARS });
    }
    const opened = await this.open(user, deliveryId, 'open', false);
    if (!opened.ok) return opened;
    const { delivery, question } = opened.value;
    const grade = await this.deps.grader.grade(question, answer, { user });
    const verdict = { source: 'open', correct: grade.pass, score: grade.score } as const;
    const rec = await this.record(user, delivery, question, verdict, openPoints(question.difficulty, grade.score), timeZone, `open:${fingerprint(answer)}`);
    if (!rec.ok) return rec;
    return ok({ kind: 'open', grade, ...rec.value });
  }

  async rateFlash(user: UserRef, deliveryId: string, rating: FlashRating, timeZone?: string): Promise<Result<FlashResult>> {
    const opened = await this.open(user, deliveryId, 'flash', false);
    if (!opened.ok) return opened;
    const { delivery, question } = opened.value;
    const verdict = { source: 'flash', correct: rating !== 'again', flashRating: rating } as const;
    const rec = await this.record(user, delivery, question, verdict, flashPoints(question.difficulty, rating), timeZone, `flash:${rating}`);
    if (!rec.ok) return rec;
    return ok({ kind: 'flash', rating, ...rec.value });
  }

  /**
   * The learning hook: every answer, in any mode and any channel (daily posts answer through here
   * too), goes to the store with what the memory model needs to review it in the same step.
   */
  private review(delivery: Delivery, question: Question, verdict: Verdict, at: number): AnswerReview | undefined {
    if (!this.deps.reviewAnswers) return undefined;
    // Field by field, not a spread of the verdict followed by more (slow in V8, see answerChoice).
    return {
      source: verdict.source,
      correct: verdict.correct,
      score: verdict.score,
      flashRating: verdict.flashRating,
      questionId: question.id,
      deliveryId: delivery.id,
      topic: question.topic,
      // A channel post's age says nothing about how long this member took.
      elapsedMs: delivery.ownerId === null ? undefined : Math.max(0, at - delivery.createdAt),
      at,
    };
  }

  private async record(
    user: UserRef,
    delivery: Delivery,
    question: Question,
    verdict: Verdict,
    basePoints: number,
    userZone: string | undefined,
    submission: string,
  ): Promise<Result<Recorded>> {
    const { scores, clock } = this.deps;
    const now = clock.now();
    const { correct } = verdict;
    const review = this.review(delivery, question, verdict, now);
    const zoneKey = communityKey(user.community);
    let outcome: AnswerOutcome;
    // One store round trip, unless the zone setting changed since this process last saw it; the
    // third try takes the store's zone unchecked, so an admin toggling it cannot stall an answer.
    for (let attempt = 0; ; attempt++) {
      const zoneSetting = this.zones.get(zoneKey) ?? '';
      const communityZone = zoneSetting || DEFAULT_TIME_ZONE;
      const { periods } = calendarAt(now, communityZone);
      outcome = await scores.recordAnswer({
        user,
        deliveryId: delivery.id,
        questionId: question.id,
        topic: question.topic,
        correct,
        basePoints,
        day: calendarAt(now, userZone ?? communityZone).day,
        week: periods.week,
        month: periods.month,
        weekExpiresAt: periods.weekEndsAt + ARCHIVE_MS.week,
        monthExpiresAt: periods.monthEndsAt + ARCHIVE_MS.month,
        scoreWindowMs: SCORE_WINDOW_MS,
        now,
        deliveryTtlMs: Math.max(1, delivery.expiresAt - now),
        submission,
        expectedZone: attempt < 2 ? zoneSetting : undefined,
        activity: this.deps.countActivity ? { keepDays: ACTIVITY_KEEP_DAYS, ttlMs: ACTIVITY_TTL_MS } : undefined,
        review,
      });
      if (outcome.status !== 'zone-changed') break;
      if (this.zones.size >= 100_000) this.zones.clear();
      this.zones.set(zoneKey, outcome.zone);
    }
    this.deps.metrics?.answer(delivery.mode, outcome.status === 'duplicate' ? 'duplicate' : correct ? 'correct' : 'incorrect');
    if (outcome.status === 'duplicate') {
      return fail('ALREADY_ANSWERED', {});
    }
    return ok({ delivery, question, outcome, hidden: delivery.revealAt !== undefined && now < delivery.revealAt });
  }
}

/** A short stand-in for an open answer's text (FNV-1a, 32 bits, and its length): same text, same value. */
function fingerprint(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return `${h.toString(36)}.${text.length}`;
}

export function optionsInOrder(q: Question, d: Delivery): string[] {
  const all = [q.choices.correct, ...q.choices.distractors];
  return d.order.map((i) => all[i] ?? '');
}

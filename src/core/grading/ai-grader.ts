import { createHash } from 'node:crypto';
import type { Question } from '../bank/schema.js';
import type { Metrics } from '../metrics.js';
import type { Clock, Logger } from '../ports.js';
import type { Grade, GradeNotice, Grader, GradingContext } from './grader.js';
import type { GradingLimits, GradingUsageStore } from './grading-usage.js';
import { gradeFromVerified, normaliseForQuote, verifyJudgement, type Judgement, type VerifiedJudgement } from './judgement.js';

/** One request to a language model: the entry and the answer; the judge must stop when aborted. */
export interface JudgeRequest {
  question: Question;
  answer: string;
  signal: AbortSignal;
  /** Epoch ms after which the judge must not start another attempt (a retry). */
  deadline: number;
}

export interface JudgeReply {
  judgement: Judgement;
  usage: { promptTokens: number; completionTokens: number };
}

/** The language-model port (src/grading-ai implements it over an OpenAI-compatible endpoint). */
export interface Judge {
  judge(req: JudgeRequest): Promise<JudgeReply>;
}

export interface AiGraderDeps {
  judge: Judge;
  /** Grades when the AI cannot: timeout, failure, cap reached. */
  fallback: Grader;
  /** Caps, cache and token counters; without it (bank tooling) nothing is capped or cached. */
  usage?: GradingUsageStore | undefined;
  clock: Clock;
  logger: Logger;
  limits: GradingLimits;
  /** The member never waits longer than this for the AI. */
  timeoutMs: number;
  cacheTtlMs?: number | undefined;
  /** Gradings by result and tokens used, for operators. */
  metrics?: Metrics | undefined;
}

const DAY_MS = 86_400_000;
const COUNTER_TTL_MS = 2 * DAY_MS;
export const CACHE_TTL_MS = 7 * DAY_MS;
/** Token counters are kept this long for operators. */
const USAGE_TTL_MS = 90 * DAY_MS;

/** The day caps and token counters are kept for (UTC). */
export const usageDay = (now: number) => new Date(now).toISOString().slice(0, 10);

/**
 * Identical answers to the same entry share one AI grading: the key is the entry's id, a hash of
 * its rubric (an edited entry is graded afresh) and a hash of the normalised answer.
 */
export function cacheKey(question: Question, answer: string): string {
  const h = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 24);
  const rubric = JSON.stringify([question.keyPoints.map((k) => k.point), question.misconceptions.map((m) => [m.statement, m.keyPoint])]);
  return `${question.id}:${h(rubric)}:${h(normaliseForQuote(answer))}`;
}

class Timeout extends Error {}

/**
 * The AI grader: the model judges each key point with a quote, Backprop checks every quote against
 * the answer and computes the score (judgement.ts). Daily caps, a cache of verified judgements and
 * a deadline keep it cheap and fast; whenever it cannot grade, the rubric grader does and the
 * grade says why (`notice`).
 */
export class AiGrader implements Grader {
  constructor(private readonly deps: AiGraderDeps) {}

  async grade(question: Question, answer: string, context?: GradingContext): Promise<Grade> {
    const { usage, clock, limits } = this.deps;
    const community = context?.user.community;
    const key = cacheKey(question, answer);
    if (usage && community) {
      const cached = await usage.getCachedGrade(community, key);
      if (cached !== null) {
        this.deps.metrics?.aiGrading('cached');
        return gradeFromVerified(question, JSON.parse(cached) as VerifiedJudgement);
      }
    }
    const day = usageDay(clock.now());
    if (usage && context) {
      const verdict = await usage.takeGradingSlot(context.user, day, limits, COUNTER_TTL_MS);
      if (verdict !== 'granted') return this.fallback(question, answer, verdict);
    }
    let reply: JudgeReply;
    try {
      reply = await this.judgeWithin(question, answer);
    } catch (err) {
      const timedOut = err instanceof Timeout;
      this.deps.logger.warn(timedOut ? 'AI grading timed out; graded by the rubric' : 'AI grading failed; graded by the rubric', {
        question: question.id,
        error: (err as Error).message,
      });
      return this.fallback(question, answer, timedOut ? 'ai-timeout' : 'ai-failed');
    }
    const verified = verifyJudgement(question, answer, reply.judgement);
    const tokens = { calls: 1, ...reply.usage };
    this.deps.logger.info('AI grading', { question: question.id, ...tokens });
    this.deps.metrics?.aiGrading('ai');
    this.deps.metrics?.aiTokens(tokens.promptTokens, tokens.completionTokens);
    if (usage && community) {
      // Bookkeeping must not cost the member their grade.
      await Promise.all([
        usage.putCachedGrade(community, key, JSON.stringify(verified), this.deps.cacheTtlMs ?? CACHE_TTL_MS),
        usage.addTokenUsage(community, day, tokens, USAGE_TTL_MS),
      ]).catch((err: unknown) => this.deps.logger.warn('could not record AI grading usage', { error: (err as Error).message }));
    }
    return gradeFromVerified(question, verified);
  }

  private async fallback(question: Question, answer: string, notice: GradeNotice): Promise<Grade> {
    this.deps.metrics?.aiGrading(notice);
    return { ...(await this.deps.fallback.grade(question, answer)), notice };
  }

  /** The judge's work, abandoned (and aborted) at the timeout whatever it is doing. */
  private async judgeWithin(question: Question, answer: string): Promise<JudgeReply> {
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(new Timeout(`no reply within ${this.deps.timeoutMs} ms`));
      }, this.deps.timeoutMs);
    });
    const deadline = this.deps.clock.now() + this.deps.timeoutMs;
    try {
      return await Promise.race([this.deps.judge.judge({ question, answer, signal: controller.signal, deadline }), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}

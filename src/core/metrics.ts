import type { Platform } from './identity.js';

/**
 * What Backprop counts, owned by the core as a port: the core and the adapters report events, the
 * composition root decides where they go (Prometheus, src/metrics/prometheus.ts) or nowhere.
 */
export type InteractionOutcome = 'ok' | 'user_error' | 'invalid' | 'failed';
export type AnswerVerdict = 'correct' | 'incorrect' | 'duplicate';
/** A practice reminder whose time came: sent, refused by the platform, skipped (nothing due or too late), or failed (retried). */
export type ReminderOutcome = 'sent' | 'refused' | 'skipped' | 'failed';

export interface Metrics {
  /** A command, button or form handled by the registry. */
  interaction(platform: Platform, command: string, outcome: InteractionOutcome): void;
  /** Seconds from receipt to the platform's first response (ack, defer or reply) or to the final result. */
  responseTime(platform: Platform, phase: 'first' | 'final', seconds: number): void;
  /** An answer recorded: a quiz mode (choice, open, flash) or an interview's. */
  answer(mode: string, verdict: AnswerVerdict): void;
  /** One store call: which store, which operation, how long, whether it failed. */
  storeOperation(store: string, operation: string, seconds: number, failed: boolean): void;
  /** One request to a platform's API, with its HTTP status (429 counts as rate limited). */
  platformRequest(platform: Platform, status: number): void;
  /** Time spent waiting on a platform's rate limit before a request could go. */
  rateLimitWait(platform: Platform, seconds: number): void;
  /** A daily question posted, `lagSeconds` after it was due. */
  dailyPosted(lagSeconds: number): void;
  dailyRevealed(): void;
  /** A stale claim taken over from a process that died (post or reveal). */
  claimTakeover(kind: 'post' | 'reveal'): void;
  reminder(outcome: ReminderOutcome): void;
  /** One open answer for the AI grader: graded by the model, from the cache, or by the rubric (and why). */
  aiGrading(result: string): void;
  /** Tokens a model call used, as its endpoint reported them. */
  aiTokens(prompt: number, completion: number): void;
}

const nothing = () => {};
export const noMetrics: Metrics = {
  interaction: nothing,
  responseTime: nothing,
  answer: nothing,
  storeOperation: nothing,
  platformRequest: nothing,
  rateLimitWait: nothing,
  dailyPosted: nothing,
  dailyRevealed: nothing,
  claimTakeover: nothing,
  reminder: nothing,
  aiGrading: nothing,
  aiTokens: nothing,
};

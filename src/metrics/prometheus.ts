import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import type { ScrapeableMetrics } from './scrapeable.js';

/** Buckets in seconds: Discord's 3 s first-response deadline sits between 2.5 and 5. */
const RESPONSE_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const STORE_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1];
const LAG_BUCKETS = [0.5, 1, 5, 15, 30, 60, 120, 300, 900, 3600];

export interface PrometheusMetrics extends ScrapeableMetrics {
  readonly registry: Registry;
}

/**
 * The Metrics port on prom-client, in a registry of its own (so several apps in one test process
 * never share counters), with the default process metrics (CPU, memory, event loop lag, GC).
 */
export function createPrometheusMetrics(opts: { defaultMetrics?: boolean; prefix?: string } = {}): PrometheusMetrics {
  const registry = new Registry();
  const p = opts.prefix ?? 'backprop_';
  if (opts.defaultMetrics ?? true) collectDefaultMetrics({ register: registry, prefix: p });
  const registers = [registry];

  const interactions = new Counter({ name: `${p}interactions_total`, help: 'Commands, buttons and forms handled, by platform, command and outcome.', labelNames: ['platform', 'command', 'outcome'], registers });
  const response = new Histogram({ name: `${p}interaction_response_seconds`, help: 'Seconds from receipt to the first response (phase=first) and to the final result (phase=final).', labelNames: ['platform', 'phase'], buckets: RESPONSE_BUCKETS, registers });
  const answers = new Counter({ name: `${p}answers_total`, help: 'Answers recorded, by mode (choice, open, flash, interview) and verdict (duplicate = a second answer refused).', labelNames: ['mode', 'verdict'], registers });
  const storeOps = new Histogram({ name: `${p}store_operation_seconds`, help: 'Latency of store calls, by store and operation.', labelNames: ['store', 'operation'], buckets: STORE_BUCKETS, registers });
  const storeErrors = new Counter({ name: `${p}store_errors_total`, help: 'Store calls that failed, by store and operation.', labelNames: ['store', 'operation'], registers });
  const apiRequests = new Counter({ name: `${p}platform_api_requests_total`, help: "Requests to a platform's API, by platform and HTTP status class.", labelNames: ['platform', 'status'], registers });
  const api429 = new Counter({ name: `${p}platform_api_rate_limited_total`, help: "Responses with HTTP 429 from a platform's API.", labelNames: ['platform'], registers });
  const waited = new Counter({ name: `${p}platform_rate_limit_wait_seconds_total`, help: "Seconds spent waiting on a platform's rate limits.", labelNames: ['platform'], registers });
  const posts = new Counter({ name: `${p}daily_posts_total`, help: 'Daily questions posted.', registers });
  const reveals = new Counter({ name: `${p}daily_reveals_total`, help: 'Daily answers revealed.', registers });
  const takeovers = new Counter({ name: `${p}daily_claim_takeovers_total`, help: "Stale daily claims taken over from a process that died, by kind.", labelNames: ['kind'], registers });
  const aiGradings = new Counter({ name: `${p}ai_gradings_total`, help: 'Open answers for the AI grader, by result: ai, cached, or the reason the rubric graded instead.', labelNames: ['result'], registers });
  const aiTokens = new Counter({ name: `${p}ai_tokens_total`, help: 'Tokens used by AI grading calls, by kind (prompt, completion), as the endpoint reported them.', labelNames: ['kind'], registers });
  const reminders = new Counter({ name: `${p}reminders_total`, help: 'Practice reminders whose time came, by outcome: sent, refused (by the platform), skipped (nothing due, or too late), failed (retried).', labelNames: ['outcome'], registers });
  const lag = new Histogram({ name: `${p}scheduler_lag_seconds`, help: 'Seconds from a daily question being due to it being posted.', buckets: LAG_BUCKETS, registers });

  return {
    registry,
    async scrape() {
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
    interaction: (platform, command, outcome) => interactions.inc({ platform, command, outcome }),
    responseTime: (platform, phase, seconds) => response.observe({ platform, phase }, seconds),
    answer: (mode, verdict) => answers.inc({ mode, verdict }),
    storeOperation(store, operation, seconds, failed) {
      storeOps.observe({ store, operation }, seconds);
      if (failed) storeErrors.inc({ store, operation });
    },
    platformRequest(platform, status) {
      apiRequests.inc({ platform, status: `${Math.floor(status / 100)}xx` });
      if (status === 429) api429.inc({ platform });
    },
    rateLimitWait: (platform, seconds) => waited.inc({ platform }, seconds),
    dailyPosted(lagSeconds) {
      posts.inc();
      lag.observe(lagSeconds);
    },
    dailyRevealed: () => reveals.inc(),
    claimTakeover: (kind) => takeovers.inc({ kind }),
    reminder: (outcome) => reminders.inc({ outcome }),
    aiGrading: (result) => aiGradings.inc({ result }),
    aiTokens: (prompt, completion) => {
      aiTokens.inc({ kind: 'prompt' }, prompt);
      aiTokens.inc({ kind: 'completion' }, completion);
    },
  };
}

import type { Question } from '../core/bank/schema.js';
import { AiGrader } from '../core/grading/ai-grader.js';
import type { Grader } from '../core/grading/grader.js';
import type { GradingUsageStore } from '../core/grading/grading-usage.js';
import { RubricGrader } from '../core/grading/rubric.js';
import type { Metrics } from '../core/metrics.js';
import type { Clock, Logger } from '../core/ports.js';
import type { GraderConfig } from './config.js';

export type { GraderConfig } from './config.js';

export interface GraderDeps {
  questions: readonly Question[];
  clock: Clock;
  logger: Logger;
  /** Caps, cache and token counters; absent for bank tooling. */
  usage?: GradingUsageStore | undefined;
  metrics?: Metrics | undefined;
}

/**
 * The configured grader. GRADER=ai checks the endpoint once; when it is unusable (unreachable,
 * key rejected, unknown model) the bot still starts, on the rubric grader, with a warning that
 * says what to fix.
 */
export async function createGrader(config: GraderConfig, deps: GraderDeps): Promise<Grader> {
  const rubric = new RubricGrader(deps.questions);
  if (config.kind === 'rubric') return rubric;
  // The openai package loads only for GRADER=ai: it is a sixth of a console start otherwise.
  const [{ createOpenAiClient, OpenAiJudge }, { checkEndpoint }] = await Promise.all([import('./openai-judge.js'), import('./probe.js')]);
  const client = createOpenAiClient(config);
  const problem = await checkEndpoint(client, config);
  if (problem) {
    deps.logger.warn(`GRADER=ai is not usable, grading open answers with the rubric grader: ${problem}`);
    return rubric;
  }
  deps.logger.info('Grading open answers with the AI grader', { baseUrl: config.baseUrl, model: config.model });
  return new AiGrader({
    judge: new OpenAiJudge(client, config.model, deps.clock, deps.logger),
    fallback: rubric,
    usage: deps.usage,
    clock: deps.clock,
    logger: deps.logger,
    limits: { member: config.dailyLimit, community: config.communityDailyLimit },
    timeoutMs: config.timeoutMs,
    metrics: deps.metrics,
  });
}

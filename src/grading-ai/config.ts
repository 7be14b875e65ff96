import { optionalVar, urlVar, type EnvOf } from '../env.js';

/** GRADER and the AI grader's variables, validated at start like every other variable. */
export type GraderConfig = { kind: 'rubric' } | ({ kind: 'ai' } & AiConfig);

export interface AiConfig {
  baseUrl: string;
  apiKey?: string | undefined;
  model: string;
  timeoutMs: number;
  /** AI gradings per member per day. */
  dailyLimit: number;
  /** AI gradings per community (Discord server, Slack workspace) per day. */
  communityDailyLimit: number;
}

const count = (example: string) =>
  optionalVar.refine((v) => v === undefined || /^\d{1,9}$/.test(v), `must be a whole number, e.g. ${example}`);

export const graderEnv = {
  GRADER: optionalVar.refine((v) => v === undefined || v === 'rubric' || v === 'ai', 'must be rubric (the default, offline) or ai'),
  AI_BASE_URL: urlVar(['http:', 'https:'], 'https://api.openai.com/v1 or http://127.0.0.1:11434/v1'),
  AI_API_KEY: optionalVar,
  AI_MODEL: optionalVar,
  AI_TIMEOUT_MS: count('12000').refine((v) => v === undefined || (Number(v) >= 500 && Number(v) <= 120_000), 'must be from 500 to 120000 (milliseconds)'),
  AI_DAILY_LIMIT: count('30'),
  AI_COMMUNITY_DAILY_LIMIT: count('1000'),
};

export const DEFAULT_AI_TIMEOUT_MS = 12_000;
export const DEFAULT_AI_DAILY_LIMIT = 30;
export const DEFAULT_AI_COMMUNITY_DAILY_LIMIT = 1000;

/** The grader to use; a problem names the variable to set. */
export function readGraderConfig(e: EnvOf<typeof graderEnv>, problems: string[]): GraderConfig {
  if (e.GRADER !== 'ai') {
    const stray = (['AI_BASE_URL', 'AI_MODEL'] as const).filter((k) => e[k] !== undefined);
    if (stray.length > 0 && e.GRADER === undefined) {
      problems.push(`${stray.join(' and ')} ${stray.length > 1 ? 'are' : 'is'} set but GRADER is not: set GRADER=ai to grade open answers with the model, or unset ${stray.join(' and ')}`);
    }
    return { kind: 'rubric' };
  }
  if (!e.AI_BASE_URL) problems.push('AI_BASE_URL is required with GRADER=ai: an OpenAI-compatible endpoint, e.g. https://api.openai.com/v1, http://127.0.0.1:11434/v1 (Ollama) or http://127.0.0.1:8000/v1 (vLLM)');
  if (!e.AI_MODEL) problems.push('AI_MODEL is required with GRADER=ai: the model name the endpoint serves, e.g. gpt-4o-mini or llama3.1:8b');
  return {
    kind: 'ai',
    baseUrl: e.AI_BASE_URL ?? '',
    apiKey: e.AI_API_KEY,
    model: e.AI_MODEL ?? '',
    timeoutMs: Number(e.AI_TIMEOUT_MS ?? DEFAULT_AI_TIMEOUT_MS),
    dailyLimit: Number(e.AI_DAILY_LIMIT ?? DEFAULT_AI_DAILY_LIMIT),
    communityDailyLimit: Number(e.AI_COMMUNITY_DAILY_LIMIT ?? DEFAULT_AI_COMMUNITY_DAILY_LIMIT),
  };
}

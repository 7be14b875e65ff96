import OpenAI, { APIError } from 'openai';
import type { Judge, JudgeReply, JudgeRequest } from '../core/grading/ai-grader.js';
import { JUDGEMENT_JSON_SCHEMA, parseJudgement } from '../core/grading/judgement.js';
import type { Clock, Logger } from '../core/ports.js';
import type { AiConfig } from './config.js';
import { SYSTEM_PROMPT, userPrompt } from './prompt.js';

/** Local servers (Ollama, vLLM, llama.cpp) take any key; the SDK insists on one. */
export const NO_KEY = 'not-needed';

export function createOpenAiClient(config: Pick<AiConfig, 'baseUrl' | 'apiKey' | 'timeoutMs'>): OpenAI {
  // Retries are ours (one, within the deadline, honouring Retry-After), not the SDK's.
  return new OpenAI({ baseURL: config.baseUrl, apiKey: config.apiKey ?? NO_KEY, maxRetries: 0, timeout: config.timeoutMs });
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(t), reject(new Error('aborted'))), { once: true });
  });

/** Retry-After (seconds or an HTTP date) or retry-after-ms, in ms; undefined when absent. */
export function retryAfterMs(headers: Headers | Record<string, string> | undefined, now: number): number | undefined {
  const get = (name: string) => (headers instanceof Headers ? headers.get(name) : headers?.[name]) ?? null;
  const ms = get('retry-after-ms');
  if (ms !== null && Number.isFinite(Number(ms))) return Math.max(0, Number(ms));
  const after = get('retry-after');
  if (after === null) return undefined;
  if (/^\d+(\.\d+)?$/.test(after.trim())) return Number(after) * 1000;
  const at = Date.parse(after);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

const retryable = (err: unknown) => err instanceof APIError && (err.status === 429 || (err.status !== undefined && err.status >= 500));
/** A 400 that names response_format: the server cannot do structured output. */
const noStructuredOutput = (err: unknown) => err instanceof APIError && err.status === 400 && /response_format|json_schema/i.test(err.message);

/**
 * The judge over any OpenAI-compatible Chat Completions endpoint, with the official SDK. Asks for
 * structured output (JSON schema) and falls back to plain JSON for servers that lack it; parses
 * tolerantly; retries once on 429/5xx after Retry-After when that fits before the deadline.
 */
export class OpenAiJudge implements Judge {
  private structured = true;

  constructor(
    private readonly client: OpenAI,
    private readonly model: string,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  async judge(req: JudgeRequest): Promise<JudgeReply> {
    try {
      return await this.attempt(req);
    } catch (err) {
      if (noStructuredOutput(err) && this.structured) {
        this.structured = false;
        this.logger.warn('the AI endpoint does not take response_format json_schema; asking for plain JSON from now on');
        return this.attempt(req);
      }
      if (!retryable(err)) throw err;
      const wait = retryAfterMs((err as APIError).headers, this.clock.now()) ?? 500;
      if (this.clock.now() + wait >= req.deadline) throw err;
      await sleep(wait, req.signal);
      return this.attempt(req);
    }
  }

  private async attempt(req: JudgeRequest): Promise<JudgeReply> {
    const completion = await this.client.chat.completions.create(
      {
        model: this.model,
        temperature: 0,
        messages: [
          { role: 'system', content: SYSTEM_PROMPT },
          { role: 'user', content: userPrompt(req.question, req.answer) },
        ],
        ...(this.structured
          ? { response_format: { type: 'json_schema' as const, json_schema: { name: 'judgement', strict: true, schema: JUDGEMENT_JSON_SCHEMA } } }
          : {}),
      },
      { signal: req.signal },
    );
    const content = completion.choices[0]?.message.content ?? '';
    const judgement = parseJudgement(content);
    if (!judgement) throw new Error(`the model's reply is not a judgement in the expected JSON shape: ${content.slice(0, 120)}`);
    return { judgement, usage: { promptTokens: completion.usage?.prompt_tokens ?? 0, completionTokens: completion.usage?.completion_tokens ?? 0 } };
  }
}

import { APIConnectionError, APIConnectionTimeoutError, APIError } from 'openai';
import type OpenAI from 'openai';
import type { AiConfig } from './config.js';

/**
 * The start-up check of GRADER=ai: one request listing the endpoint's models. Returns what is
 * wrong, worded for the operator with the variable to fix, or null when the endpoint is usable.
 */
export async function checkEndpoint(client: OpenAI, config: Pick<AiConfig, 'baseUrl' | 'model' | 'apiKey'>): Promise<string | null> {
  try {
    const page = await client.models.list();
    const ids = page.data.map((m) => m.id);
    if (ids.length > 0 && !ids.includes(config.model)) {
      return `AI_MODEL "${config.model}" is not served by ${config.baseUrl} (it serves ${ids.slice(0, 5).join(', ')}${ids.length > 5 ? ', …' : ''}); set AI_MODEL to one of them`;
    }
    return null;
  } catch (err) {
    if (err instanceof APIConnectionTimeoutError) return `AI_BASE_URL ${config.baseUrl} did not answer within AI_TIMEOUT_MS`;
    if (err instanceof APIConnectionError) return `cannot reach AI_BASE_URL ${config.baseUrl} (${describeCause(err)}); is the server running and the URL right (it usually ends in /v1)?`;
    if (err instanceof APIError && (err.status === 401 || err.status === 403)) {
      return `${config.baseUrl} rejected the API key (${err.status}); ${config.apiKey ? 'check AI_API_KEY' : 'set AI_API_KEY'}`;
    }
    if (err instanceof APIError && err.status === 404) return `${config.baseUrl}/models was not found (404); AI_BASE_URL should be the API root, usually ending in /v1`;
    return `the check of AI_BASE_URL ${config.baseUrl} failed: ${(err as Error).message}`;
  }
}

/** The innermost cause's code (ECONNREFUSED, ENOTFOUND, …): fetch wraps it twice. */
function describeCause(err: Error): string {
  let e: unknown = err;
  let last = err.message;
  for (let depth = 0; e && depth < 5; depth++) {
    const { code, message, cause } = e as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof code === 'string') return code;
    if (typeof message === 'string') last = message;
    e = cause;
  }
  return last;
}

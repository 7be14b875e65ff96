import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A fake OpenAI-compatible Chat Completions server on loopback (port 0): GET /v1/models and
 * POST /v1/chat/completions. Requests are recorded; replies come from a script (one per request,
 * in order) or the default judge. Token usage is counted the way a tokenizer roughly would
 * (one token per 4 characters of the messages), so cost figures can be measured against it.
 */

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: ChatRequest | undefined;
  at: number;
}

export interface ChatRequest {
  model: string;
  messages: { role: string; content: string }[];
  response_format?: { type: string; json_schema?: { name: string; schema: unknown; strict?: boolean } };
  temperature?: number;
}

/** One scripted reply: the content of the assistant's message, or a raw HTTP status and body. */
export type Scripted =
  | { content: string; delayMs?: number; usage?: { prompt_tokens: number; completion_tokens: number } }
  | { status: number; body?: unknown; headers?: Record<string, string>; delayMs?: number };

export const estimateTokens = (text: string) => Math.ceil(text.length / 4);

export class FakeOpenAi {
  readonly requests: RecordedRequest[] = [];
  readonly script: Scripted[] = [];
  /** What the endpoint answers when the script is empty. */
  defaultReply: (req: ChatRequest) => Scripted = () => ({ content: '{"keyPoints": [], "misconceptions": [], "feedback": ""}' });
  models = ['test-model'];
  /** Required bearer token; undefined accepts any. */
  apiKey: string | undefined;
  /** Reject response_format with a 400, like servers without structured output. */
  rejectResponseFormat = false;

  private constructor(private readonly server: Server) {}

  static async start(opts: { apiKey?: string } = {}): Promise<FakeOpenAi> {
    const server = createServer();
    const fake = new FakeOpenAi(server);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => void fake.handle(req, res));
    fake.apiKey = opts.apiKey;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`;
  }

  /** The chat completion requests received so far. */
  get completions(): ChatRequest[] {
    return this.requests.filter((r) => r.path === '/v1/chat/completions').flatMap((r) => (r.body ? [r.body] : []));
  }

  reply(...replies: Scripted[]): this {
    this.script.push(...replies);
    return this;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let raw = '';
    for await (const chunk of req) raw += String(chunk);
    const path = (req.url ?? '').split('?')[0] ?? '';
    const body = raw ? (JSON.parse(raw) as ChatRequest) : undefined;
    this.requests.push({ method: req.method ?? '', path, headers: req.headers, body, at: Date.now() });
    const send = (status: number, json: unknown, headers: Record<string, string> = {}) => {
      if (res.destroyed) return;
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(json));
    };
    if (this.apiKey !== undefined && req.headers.authorization !== `Bearer ${this.apiKey}`) {
      send(401, { error: { message: 'Incorrect API key provided', type: 'invalid_request_error', code: 'invalid_api_key' } });
      return;
    }
    if (req.method === 'GET' && path === '/v1/models') {
      send(200, { object: 'list', data: this.models.map((id) => ({ id, object: 'model', created: 0, owned_by: 'fake' })) });
      return;
    }
    if (req.method !== 'POST' || path !== '/v1/chat/completions' || !body) {
      send(404, { error: { message: `no route ${req.method} ${path}` } });
      return;
    }
    if (this.rejectResponseFormat && body.response_format) {
      send(400, { error: { message: "'response_format' of type 'json_schema' is not supported", type: 'invalid_request_error' } });
      return;
    }
    const step = this.script.shift() ?? this.defaultReply(body);
    if (step.delayMs) {
      await new Promise((resolve) => setTimeout(resolve, step.delayMs));
    }
    if ('status' in step) {
      send(step.status, step.body ?? { error: { message: `scripted ${step.status}` } }, step.headers);
      return;
    }
    const prompt = body.messages.map((m) => m.content).join('\n');
    const usage = step.usage ?? { prompt_tokens: estimateTokens(prompt) + 4 * body.messages.length, completion_tokens: estimateTokens(step.content) };
    send(200, {
      id: `chatcmpl-${this.requests.length}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: body.model,
      choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: step.content, refusal: null } }],
      usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
    });
  }
}

/** The judgement JSON a model would return; `quote` strings are taken as given. */
export function judgementJson(j: {
  keyPoints: { index: number; status: 'covered' | 'partial' | 'missed'; quote: string }[];
  misconceptions?: { index: number; quote: string }[];
  feedback?: string;
}): string {
  return JSON.stringify({ keyPoints: j.keyPoints, misconceptions: j.misconceptions ?? [], feedback: j.feedback ?? 'Good start. Add the missing points.' });
}

import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGuildMember, APITextChannel } from 'discord-api-types/v10';
import { ApiError, type FakeDiscordState } from './state.js';
import { commandProblems, messageProblems, modalProblems } from './validate.js';

export interface RecordedRequest {
  method: string;
  /** Path after /api/v10, e.g. /interactions/1/tok/callback. */
  path: string;
  query: Record<string, string>;
  body: unknown;
  /** True when it carried "Authorization: Bot <token>". */
  authorized: boolean;
  status: number;
  at: number;
  /** The files of a multipart/form-data request (files[n] parts), in order. */
  files: UploadedFile[];
}

/** A file the bot uploaded with a message (Discord's multipart form: payload_json + files[n]). */
export interface UploadedFile {
  field: string;
  filename: string;
  contentType: string;
  data: Buffer;
}

export interface Fault {
  method: string;
  path: RegExp;
  status: number;
  /** Seconds, sent as Retry-After for a 429. */
  retryAfter?: number;
  times: number;
}

export interface RestOptions {
  token: string;
  gatewayUrl: () => string;
  /** The recommended shard count. */
  shards?: number;
  channel: (id: string) => APITextChannel | undefined;
  member: (guildId: string, userId: string) => APIGuildMember | undefined;
  /** A DM channel id with a user the bot shares a guild with (created once), else undefined. */
  openDm: (userId: string) => string | undefined;
  /** Whether a channel id is a DM channel the bot opened. */
  isDm: (channelId: string) => boolean;
  /** Discord's global limit: at most this many requests per second for the bot (interaction routes are exempt). */
  globalPerSecond?: number;
}

type Handler = (params: string[], body: unknown, query: Record<string, string>) => unknown;

const API_PREFIX = '/api/v10';

/**
 * The Discord v10 REST routes Backprop uses, on loopback. Every request is recorded; bodies are
 * checked against Discord's limits; faults (e.g. a 429 with Retry-After) can be injected.
 */
export class FakeRest {
  readonly requests: RecordedRequest[] = [];
  /** Bodies Discord would have rejected, with why. */
  readonly rejections: { path: string; problems: string[] }[] = [];
  private readonly faults: Fault[] = [];
  private server!: Server;
  private readonly routes: { method: string; pattern: RegExp; auth: boolean; handler: Handler }[] = [];
  /** Files members attached, served as Discord's CDN serves them: /attachments/:id/:filename, no token. */
  private readonly files = new Map<string, Buffer>();
  apiBase = '';
  /** The current global window: when it ends, and how many requests it has left. */
  private globalWindow = { resetAt: 0, remaining: 0 };

  /** Hosts a file on the fake CDN; returns its URL. */
  hostFile(id: string, filename: string, body: Buffer): string {
    this.files.set(`/attachments/${id}/${encodeURIComponent(filename)}`, body);
    return `${this.apiBase.replace(/\/api$/, '')}/attachments/${id}/${encodeURIComponent(filename)}`;
  }

  constructor(
    private readonly state: FakeDiscordState,
    private readonly opts: RestOptions,
  ) {
    this.defineRoutes();
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    this.apiBase = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** The next `times` matching requests get `status` (a 429 carries Retry-After). */
  fail(fault: Omit<Fault, 'times'> & { times?: number }): void {
    this.faults.push({ times: 1, ...fault });
  }

  /**
   * Discord's global limit as a fixed one-second window opened by the first request after the last
   * one closed (as @discordjs/rest counts it); interaction callbacks and interaction webhooks are
   * exempt, as on Discord. Over it: a 429 with `global: true`, `retry_after` and Discord's headers.
   */
  private globalLimited(record: RecordedRequest, now: number): { body: object; headers: Record<string, string> } | null {
    const limit = this.opts.globalPerSecond;
    if (!limit || /^\/(interactions|webhooks)\//.test(record.path)) return null;
    if (now >= this.globalWindow.resetAt) this.globalWindow = { resetAt: now + 1000, remaining: limit };
    if (this.globalWindow.remaining > 0) {
      this.globalWindow.remaining--;
      return null;
    }
    const after = Math.max(0.001, (this.globalWindow.resetAt - now) / 1000);
    return {
      body: { message: 'You are being rate limited.', retry_after: after, global: true },
      headers: { 'retry-after': String(Math.ceil(after)), 'x-ratelimit-global': 'true', 'x-ratelimit-scope': 'global' },
    };
  }

  private route(method: string, path: string, handler: Handler, auth = true): void {
    const pattern = new RegExp(`^${path.replace(/:\w+/g, '([^/]+)')}$`);
    this.routes.push({ method, pattern, auth, handler });
  }

  private checked(problems: string[], path: string): void {
    if (problems.length === 0) return;
    this.rejections.push({ path, problems });
    throw new ApiError(400, 50035, 'Invalid Form Body', problems);
  }

  private defineRoutes(): void {
    const s = this.state;
    const app = s.applicationId;
    this.route('GET', '/gateway/bot', () => ({
      url: this.opts.gatewayUrl(),
      shards: this.opts.shards ?? 1,
      session_start_limit: { total: 1000, remaining: 999, reset_after: 86_400_000, max_concurrency: 1 },
    }));
    this.route('GET', '/users/@me', () => s.botUser);
    this.route('GET', '/applications/@me', () => ({ id: app, name: 'Backprop', bot: s.botUser, flags: 0 }));
    // The global routes capture [app], the guild routes [app, guild]: the scope is the guild or "global".
    const listCommands: Handler = (p) => (p[0] === app ? (s.commands.get(p[1] ?? 'global') ?? []) : notFound());
    const putCommands: Handler = (p, body) => {
      if (p[0] !== app) return notFound();
      this.checked(commandProblems(body), 'commands');
      return s.overwriteCommands(p[1] ?? 'global', p[1], body as Record<string, unknown>[]);
    };
    this.route('GET', '/applications/:app/commands', listCommands);
    this.route('PUT', '/applications/:app/commands', putCommands);
    this.route('GET', '/applications/:app/guilds/:guild/commands', listCommands);
    this.route('PUT', '/applications/:app/guilds/:guild/commands', putCommands);

    this.route(
      'POST',
      '/interactions/:id/:token/callback',
      (p, body) => {
        const b = body as { type: number; data?: unknown };
        if (b.type === 4 || b.type === 7) this.checked(messageProblems(b.data ?? {}, { creating: b.type === 4 }), 'callback');
        if (b.type === 9) this.checked(modalProblems(b.data), 'callback');
        s.callback(p[0]!, p[1]!, b);
        return undefined;
      },
      false,
    );
    const webhook = (p: string[]) => {
      if (p[0] !== app) throw new ApiError(404, 10015, 'Unknown Webhook');
      return p[1]!;
    };
    this.route('POST', '/webhooks/:app/:token', (p, body) => {
      this.checked(messageProblems(body, { creating: true }), 'follow-up');
      return s.followUp(webhook(p), body as object);
    }, false);
    this.route('GET', '/webhooks/:app/:token/messages/:message', (p) => s.getWebhookMessage(webhook(p), p[2]!), false);
    this.route('PATCH', '/webhooks/:app/:token/messages/:message', (p, body) => {
      this.checked(messageProblems(body, { creating: false }), 'edit');
      return s.editWebhookMessage(webhook(p), p[2]!, body as object);
    }, false);
    this.route('DELETE', '/webhooks/:app/:token/messages/:message', (p) => s.deleteWebhookMessage(webhook(p), p[2]!), false);

    this.route('GET', '/channels/:channel', (p) => this.opts.channel(p[0]!) ?? notFound(10003, 'Unknown Channel'));
    // POST /users/@me/channels {recipient_id}: the DM channel with a user (Create DM).
    this.route('POST', '/users/@me/channels', (_p, body) => {
      const recipient = (body as { recipient_id?: unknown } | null)?.recipient_id;
      const id = typeof recipient === 'string' ? this.opts.openDm(recipient) : undefined;
      if (!id) return notFound(10013, 'Unknown User');
      return { id, type: 1, last_message_id: null, recipients: [{ id: recipient }] };
    });
    this.route('POST', '/channels/:channel/messages', (p, body) => {
      if (!this.opts.channel(p[0]!) && !this.opts.isDm(p[0]!)) return notFound(10003, 'Unknown Channel');
      this.checked(messageProblems(body, { creating: true }), 'channel message');
      return s.postChannelMessage(p[0]!, body as object);
    });
    this.route('PATCH', '/channels/:channel/messages/:message', (p, body) => {
      this.checked(messageProblems(body, { creating: false }), 'channel message edit');
      return s.editChannelMessage(p[0]!, p[1]!, body as object);
    });
    this.route('GET', '/guilds/:guild/members/:user', (p) => this.opts.member(p[0]!, p[1]!) ?? notFound(10007, 'Unknown Member'));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Counted for the global limit when it arrives, not when its body has been read.
    const arrived = performance.now();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const contentType = req.headers['content-type'] ?? '';
    const multipart = contentType.startsWith('multipart/form-data') ? await readMultipart(raw, contentType) : undefined;
    const text = multipart ? multipart.payloadJson : raw.toString('utf8');
    const record: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname.startsWith(API_PREFIX) ? url.pathname.slice(API_PREFIX.length) : url.pathname,
      query: Object.fromEntries(url.searchParams),
      body: text ? safeJson(text) : undefined,
      authorized: req.headers.authorization === `Bot ${this.opts.token}`,
      status: 0,
      at: Date.now(),
      files: multipart?.files ?? [],
    };
    // Discord: every uploaded file must be described in the payload's attachments (id = its index).
    if (multipart) {
      const described = attachmentsOf(record.body);
      const problems = multipart.files.flatMap((f, i) => (described.some((a) => String(a['id']) === String(i) || a['filename'] === f.filename) ? [] : [`files[${i}]: not in payload_json.attachments`]));
      if (problems.length > 0) {
        this.rejections.push({ path: record.path, problems });
        record.status = 400;
        res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ message: 'Invalid Form Body', code: 50035 }));
        return;
      }
      // Stored with the message, as Discord does once the upload is accepted.
      const target = messageOf(record.body);
      if (target) target['attachments'] = storedAttachments(multipart.files, described);
    }
    this.requests.push(record);
    const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      record.status = status;
      res.writeHead(status, payload === undefined ? headers : { 'content-type': 'application/json', ...headers });
      res.end(payload === undefined ? undefined : JSON.stringify(payload));
    };

    const fault = this.faults.find((f) => f.times > 0 && f.method === record.method && f.path.test(record.path));
    if (fault) {
      fault.times--;
      if (fault.status === 429) {
        const after = fault.retryAfter ?? 1;
        return send(429, { message: 'You are being rate limited.', retry_after: after, global: false }, { 'retry-after': String(after), 'x-ratelimit-scope': 'user' });
      }
      return send(fault.status, { message: 'Injected failure', code: 0 });
    }

    const file = record.method === 'GET' ? this.files.get(url.pathname) : undefined;
    if (file) {
      record.status = 200;
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(file.length) });
      return void res.end(file);
    }
    const limited = this.globalLimited(record, arrived);
    if (limited) return send(429, limited.body, limited.headers);

    if (!url.pathname.startsWith(API_PREFIX)) return send(404, { message: '404: Not Found', code: 0 });
    for (const route of this.routes) {
      const m = route.method === record.method ? route.pattern.exec(record.path) : null;
      if (!m) continue;
      if (route.auth && !record.authorized) return send(401, { message: '401: Unauthorized', code: 0 });
      try {
        const result = route.handler(m.slice(1).map(decodeURIComponent), record.body, record.query);
        return result === undefined ? send(204, undefined) : send(200, result);
      } catch (err) {
        if (err instanceof ApiError) return send(err.status, { message: err.message, code: err.code, ...(err.errors ? { errors: err.errors } : {}) });
        return send(500, { message: String(err), code: 0 });
      }
    }
    return send(404, { message: '404: Not Found', code: 0 });
  }
}

/** payload_json and the files[n] parts of a multipart body (parsed by undici's FormData). */
async function readMultipart(raw: Buffer, contentType: string): Promise<{ payloadJson: string; files: UploadedFile[] }> {
  const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
  const files: UploadedFile[] = [];
  let payloadJson = '';
  for (const [field, value] of form.entries()) {
    if (typeof value === 'string') {
      if (field === 'payload_json') payloadJson = value;
      continue;
    }
    files.push({ field, filename: value.name, contentType: value.type, data: Buffer.from(await value.arrayBuffer()) });
  }
  return { payloadJson, files };
}

/** The message part of a body: an interaction callback's `data`, else the body itself. */
function messageOf(body: unknown): Record<string, unknown> | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const b = body as Record<string, unknown>;
  const inner = 'type' in b && typeof b['type'] === 'number' && b['data'] && typeof b['data'] === 'object' ? b['data'] : b;
  return inner as Record<string, unknown>;
}

function attachmentsOf(body: unknown): Record<string, unknown>[] {
  const list = messageOf(body)?.['attachments'];
  return Array.isArray(list) ? (list as Record<string, unknown>[]) : [];
}

function storedAttachments(files: UploadedFile[], described: Record<string, unknown>[]) {
  return files.map((f, i) => ({
    id: String(900_000 + i),
    filename: f.filename,
    size: f.data.length,
    content_type: f.contentType,
    description: described.find((a) => String(a['id']) === String(i))?.['description'],
    url: `https://cdn.fake-discord.invalid/attachments/${f.filename}`,
  }));
}

function notFound(code = 10000, message = 'Not Found'): never {
  throw new ApiError(404, code, message);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

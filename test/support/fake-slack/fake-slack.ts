import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { blockProblems, viewProblems } from './block-limits.js';

/**
 * A fake Slack on loopback: the Web API (records every call, can answer 429 or an error once),
 * response_url endpoints it hands out, and a Socket Mode WebSocket. Real Bolt talks to it through
 * `clientOptions.slackApiUrl`; tests assert on what it recorded.
 */

export interface ApiCall {
  method: string;
  args: Record<string, unknown>;
  token: string | undefined;
  /** What the fake answered. */
  ok: boolean;
  error?: string | undefined;
  /** The whole answer body (e.g. the ts of a posted message). */
  result: Record<string, unknown>;
}

export interface ResponsePost {
  url: string;
  body: Record<string, unknown>;
  problems: string[];
}

export interface FakeUser {
  id: string;
  name?: string;
  displayName?: string;
  tz?: string;
  isAdmin?: boolean;
  isOwner?: boolean;
}

export interface StoredMessage {
  channel: string;
  ts: string;
  blocks: unknown;
  text: unknown;
}

/** A file uploaded with files.uploadV2's three steps; `channel` once completed (shared). */
export interface UploadedFile {
  id: string;
  filename: string;
  /** The length files.getUploadURLExternal was told. */
  length: number;
  altText: string | undefined;
  title?: string | undefined;
  data?: Buffer | undefined;
  channel?: string | undefined;
}

export type Failure = { status: 429; retryAfter: number } | { error: string };

export interface FakeSlackOptions {
  botToken: string;
  appToken?: string;
  teamId?: string;
}

type Args = Record<string, unknown>;
type Answer = { status?: number; headers?: Record<string, string>; body: Record<string, unknown> };

const BOT_USER = 'UBACKPROP';

function parseForm(text: string): Args {
  const out: Args = {};
  for (const [k, v] of new URLSearchParams(text)) {
    out[k] = /^[[{]/.test(v) ? safeJson(v) : v;
  }
  return out;
}

function safeJson(v: string): unknown {
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export class FakeSlack {
  readonly calls: ApiCall[] = [];
  readonly responses: ResponsePost[] = [];
  readonly users = new Map<string, FakeUser>();
  /** conversations.info answers; channels not listed are channel_not_found. */
  readonly channels = new Map<string, { isMember: boolean; isArchived?: boolean }>();
  readonly messages = new Map<string, StoredMessage>();
  /** Socket Mode acks by envelope id. */
  readonly acks = new Map<string, Record<string, unknown>>();
  /** Files by id, from files.getUploadURLExternal on. */
  readonly files = new Map<string, UploadedFile>();
  private readonly failures = new Map<string, Failure[]>();
  private readonly sockets = new Set<WebSocket>();
  private readonly responseUses = new Map<string, number>();
  private seq = 0;
  private ts = 1_700_000_000;

  private constructor(
    private readonly server: Server,
    private readonly wss: WebSocketServer,
    readonly opts: FakeSlackOptions,
  ) {}

  static async start(opts: FakeSlackOptions): Promise<FakeSlack> {
    const wss = new WebSocketServer({ noServer: true });
    const holder: { fake?: FakeSlack } = {};
    const server = createServer((req, res) => void holder.fake!.handle(req, res));
    const fake = new FakeSlack(server, wss, opts);
    holder.fake = fake;
    server.on('upgrade', (req, socket, head) => {
      if (!(req.url ?? '').startsWith('/socket')) return socket.destroy();
      wss.handleUpgrade(req, socket, head, (ws) => fake.onSocket(ws));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }
  get teamId(): string {
    return this.opts.teamId ?? 'T0FAKE';
  }

  /** A fresh response_url pointing at this fake. */
  responseUrl(): string {
    return `http://127.0.0.1:${this.port}/response/${++this.seq}`;
  }
  nextTs(): string {
    return `${++this.ts}.000100`;
  }

  /** The next call of `method` fails this way (queue several for several calls). */
  failNext(method: string, failure: Failure): void {
    this.failures.set(method, [...(this.failures.get(method) ?? []), failure]);
  }

  callsTo(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }
  responsesTo(url: string): ResponsePost[] {
    return this.responses.filter((r) => r.url === url);
  }

  /** Polls until `pick` returns a value (no fixed sleeps in tests). */
  async waitFor<T>(pick: () => T | undefined, what: string, timeoutMs = 10_000): Promise<T> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const v = pick();
      if (v !== undefined) return v;
      if (Date.now() > end) throw new Error(`fake Slack: timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  /** The n-th (0-based) call of `method` matching `pred`, once it has happened. */
  waitForCall(method: string, pred: (c: ApiCall) => boolean = () => true, n = 0): Promise<ApiCall> {
    return this.waitFor(() => this.callsTo(method).filter(pred)[n], `${method} call #${n + 1}`);
  }
  waitForResponse(url: string, n = 0): Promise<ResponsePost> {
    return this.waitFor(() => this.responsesTo(url)[n], `response #${n + 1} to ${url}`);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = req.url ?? '';
    const raw = await readBody(req);
    if (url.startsWith('/upload/')) return this.onUpload(url.slice('/upload/'.length), req, raw, res);
    const text = raw.toString('utf8');
    if (url.startsWith('/response/')) return this.onResponse(url, text, res);
    if (url.startsWith('/files-pri/')) return this.onFileDownload(url, req, res);
    if (url.startsWith('/api/')) return this.onApi(url.slice('/api/'.length).split('?')[0]!, req, text, res);
    res.writeHead(404).end();
  }

  /** Step 2 of files.uploadV2: the file's bytes (raw, or the one file of a multipart form). */
  private async onUpload(id: string, req: IncomingMessage, raw: Buffer, res: ServerResponse): Promise<void> {
    const file = this.files.get(id);
    if (!file || file.data) return void res.writeHead(404).end('not_found');
    let data = raw;
    const ct = req.headers['content-type'] ?? '';
    if (ct.startsWith('multipart/form-data')) {
      const form = await new Response(raw, { headers: { 'content-type': ct } }).formData();
      const part = [...form.values()].find((v) => typeof v !== 'string');
      if (!part || typeof part === 'string') return void res.writeHead(400).end('no_file');
      data = Buffer.from(await part.arrayBuffer());
    }
    if (data.length !== file.length) return void res.writeHead(400).end('length_mismatch');
    file.data = data;
    res.writeHead(200, { 'content-type': 'text/plain' }).end(`OK - ${data.length}`);
  }

  /** Files shared in a channel (completed uploads). */
  sharedFiles(channel?: string): UploadedFile[] {
    return [...this.files.values()].filter((f) => f.channel !== undefined && (channel === undefined || f.channel === channel));
  }

  /** Files members shared: id -> name and content; downloads need the bot token, as url_private does. */
  private readonly memberFiles = new Map<string, { name: string; body: Buffer }>();
  readonly downloads: { url: string; authorized: boolean }[] = [];

  /** A member uploads a file to Slack; share it in a conversation with SlackMember.shareFile. */
  uploadFile(name: string, content: string | Buffer): { id: string; name: string; size: number } {
    const id = `F${++this.seq}`;
    const body = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    this.memberFiles.set(id, { name, body });
    return { id, name, size: body.length };
  }

  private fileUrl(id: string, name: string): string {
    return `http://127.0.0.1:${this.port}/files-pri/${this.teamId}-${id}/download/${encodeURIComponent(name)}`;
  }

  private onFileDownload(url: string, req: IncomingMessage, res: ServerResponse): void {
    const id = /^\/files-pri\/[A-Z0-9]+-(F\d+)\//.exec(url)?.[1];
    const file = id ? this.memberFiles.get(id) : undefined;
    const authorized = req.headers['authorization'] === `Bearer ${this.opts.botToken}`;
    this.downloads.push({ url, authorized });
    // Slack answers a download without the token with a login page, never the file.
    if (!file || !authorized) return void res.writeHead(302, { location: 'https://fake.slack.invalid/login' }).end();
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(file.body.length) }).end(file.body);
  }

  private onResponse(path: string, text: string, res: ServerResponse): void {
    const url = `http://127.0.0.1:${this.port}${path}`;
    const uses = (this.responseUses.get(url) ?? 0) + 1;
    this.responseUses.set(url, uses);
    const body = safeJson(text) as Record<string, unknown>;
    const problems = body.blocks === undefined ? [] : blockProblems(body.blocks, 50);
    this.responses.push({ url, body, problems });
    // Slack: a response_url takes 5 posts; invalid blocks are refused.
    if (uses > 5) return void res.writeHead(404).end('used_url');
    if (problems.length > 0) return void res.writeHead(400).end('invalid_blocks');
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  }

  private onApi(method: string, req: IncomingMessage, text: string, res: ServerResponse): void {
    const ct = req.headers['content-type'] ?? '';
    const args = ct.includes('application/json') ? ((safeJson(text) as Args) ?? {}) : parseForm(text);
    const auth = req.headers['authorization'];
    const token = typeof auth === 'string' ? auth.replace(/^Bearer /, '') : typeof args['token'] === 'string' ? args['token'] : undefined;
    const failure = this.failures.get(method)?.shift();
    let answer: Answer;
    if (failure && 'status' in failure) {
      answer = { status: 429, headers: { 'retry-after': String(failure.retryAfter) }, body: { ok: false, error: 'ratelimited' } };
    } else if (failure) {
      answer = { body: { ok: false, error: failure.error } };
    } else {
      answer = this.answer(method, args, token);
    }
    this.calls.push({ method, args, token, ok: answer.body['ok'] === true, error: answer.body['error'] as string | undefined, result: answer.body });
    res.writeHead(answer.status ?? 200, { 'content-type': 'application/json', ...answer.headers }).end(JSON.stringify(answer.body));
  }

  private answer(method: string, args: Args, token: string | undefined): Answer {
    const fail = (error: string): Answer => ({ body: { ok: false, error } });
    if (method === 'apps.connections.open') {
      if (!this.opts.appToken || token !== this.opts.appToken) return fail('invalid_auth');
      return { body: { ok: true, url: `ws://127.0.0.1:${this.port}/socket?ticket=${++this.seq}` } };
    }
    if (token !== this.opts.botToken) return fail('invalid_auth');
    const ok = (body: Record<string, unknown> = {}): Answer => ({ body: { ok: true, ...body } });
    switch (method) {
      case 'auth.test':
        return ok({ user_id: BOT_USER, bot_id: 'BBACKPROP', team_id: this.teamId, team: 'Fake', url: 'https://fake.slack.invalid/' });
      case 'users.info': {
        const u = this.users.get(String(args['user']));
        if (!u) return fail('user_not_found');
        return ok({
          user: { id: u.id, name: u.name ?? u.id, real_name: u.name ?? u.id, tz: u.tz, is_admin: u.isAdmin ?? false, is_owner: u.isOwner ?? false, profile: { display_name: u.displayName ?? '' } },
        });
      }
      case 'chat.postMessage': {
        if (blockProblems(args['blocks'] ?? [], 50).length > 0) return fail('invalid_blocks');
        // A user id as channel means the app's direct messages with that user.
        const raw = typeof args['channel'] === 'string' ? args['channel'] : '';
        const channel = raw.startsWith('U') ? `D${raw.slice(1)}` : raw;
        if (!channel) return fail('channel_not_found');
        const ts = this.nextTs();
        this.messages.set(`${channel}:${ts}`, { channel, ts, blocks: args['blocks'], text: args['text'] });
        return ok({ channel, ts, message: { ts, text: args['text'], blocks: args['blocks'] } });
      }
      case 'chat.update': {
        const key = `${String(args['channel'])}:${String(args['ts'])}`;
        const msg = this.messages.get(key);
        if (!msg) return fail('message_not_found');
        if (blockProblems(args['blocks'] ?? [], 50).length > 0) return fail('invalid_blocks');
        this.messages.set(key, { ...msg, blocks: args['blocks'], text: args['text'] });
        return ok({ channel: msg.channel, ts: msg.ts });
      }
      case 'chat.postEphemeral':
        if (blockProblems(args['blocks'] ?? [], 50).length > 0) return fail('invalid_blocks');
        return ok({ message_ts: this.nextTs() });
      case 'views.open':
        if (!args['trigger_id']) return fail('invalid_trigger_id');
        return viewProblems(args['view']).length > 0 ? fail('invalid_arguments') : ok({ view: { id: `V${++this.seq}` } });
      case 'views.publish':
        return viewProblems(args['view']).length > 0 ? fail('invalid_arguments') : ok({ view: { id: `V${++this.seq}` } });
      case 'conversations.open': {
        // The app's direct message with one user (scope im:write): D + the user id without its U.
        const users = typeof args['users'] === 'string' ? args['users'] : '';
        if (!users || users.includes(',')) return fail(users ? 'not_enough_users' : 'users_list_not_supplied');
        if (!this.users.has(users)) return fail('user_not_found');
        return ok({ channel: { id: `D${users.slice(1)}` } });
      }
      case 'files.getUploadURLExternal': {
        const length = Number(args['length']);
        if (typeof args['filename'] !== 'string' || !Number.isInteger(length) || length <= 0) return fail('invalid_arguments');
        const id = `F${++this.seq}`;
        this.files.set(id, { id, filename: args['filename'], length, altText: typeof args['alt_text'] === 'string' ? args['alt_text'] : undefined });
        return ok({ upload_url: `http://127.0.0.1:${this.port}/upload/${id}`, file_id: id });
      }
      case 'files.completeUploadExternal': {
        const list = Array.isArray(args['files']) ? (args['files'] as { id?: unknown; title?: unknown }[]) : [];
        if (list.length === 0) return fail('invalid_arguments');
        const files = list.map((f) => this.files.get(String(f.id)));
        if (files.some((f) => !f?.data)) return fail('file_not_found');
        const channel = typeof args['channel_id'] === 'string' ? args['channel_id'] : undefined;
        for (const [i, f] of files.entries()) Object.assign(f!, { channel, title: list[i]!.title });
        return ok({ files: files.map((f) => ({ id: f!.id, title: f!.title, name: f!.filename })) });
      }
      case 'files.info': {
        const id = String(args['file']);
        const f = this.memberFiles.get(id);
        if (!f) return fail('file_not_found');
        const url = this.fileUrl(id, f.name);
        return ok({ file: { id, name: f.name, size: f.body.length, mimetype: 'text/plain', url_private: url, url_private_download: url } });
      }
      case 'conversations.info': {
        const id = String(args['channel']);
        const ch = this.channels.get(id);
        return ch ? ok({ channel: { id, is_member: ch.isMember, is_archived: ch.isArchived ?? false } }) : fail('channel_not_found');
      }
      default:
        return fail('unknown_method');
    }
  }

  // --- Socket Mode -------------------------------------------------------------------------

  private onSocket(ws: WebSocket): void {
    this.sockets.add(ws);
    ws.on('close', () => this.sockets.delete(ws));
    ws.on('message', (data) => {
      const msg = safeJson((Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data)).toString()) as { envelope_id?: string; payload?: Record<string, unknown> };
      if (typeof msg?.envelope_id === 'string') this.acks.set(msg.envelope_id, msg.payload ?? {});
    });
    ws.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0FAKE' } }));
  }

  get socketCount(): number {
    return this.sockets.size;
  }

  /** Sends an envelope to one connected client (as Slack does) and waits for its ack payload. */
  async sendEnvelope(type: 'slash_commands' | 'interactive' | 'events_api', payload: object, retryAttempt = 0): Promise<Record<string, unknown>> {
    await this.waitFor(() => (this.sockets.size > 0 ? true : undefined), 'a Socket Mode connection');
    const envelopeId = `env-${++this.seq}`;
    const frame = { envelope_id: envelopeId, type, payload, accepts_response_payload: type !== 'events_api', retry_attempt: retryAttempt, retry_reason: retryAttempt > 0 ? 'timeout' : '' };
    const [ws] = this.sockets;
    ws!.send(JSON.stringify(frame));
    return this.waitFor(() => this.acks.get(envelopeId), `ack of ${envelopeId}`);
  }

  async close(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    this.wss.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

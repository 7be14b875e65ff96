import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  GatewayCloseCodes,
  GatewayDispatchEvents,
  GatewayIntentBits,
  GatewayOpcodes,
  type GatewayIdentifyData,
  type GatewayReceivePayload,
  type APIUser,
} from 'discord-api-types/v10';
import { aGuildCreate, aReady, snowflake, type GuildSpec } from './payloads.js';

/** Intents a bot may only use when enabled in the Developer Portal; Backprop must never ask. */
const PRIVILEGED = GatewayIntentBits.GuildMembers | GatewayIntentBits.GuildPresences | GatewayIntentBits.MessageContent;

interface SentEvent {
  s: number;
  t: string;
  d: unknown;
}

/** The shard Discord routes a guild's events to; DMs go to shard 0. */
export function shardOf(guildId: string | undefined, count: number): number {
  return guildId ? Number((BigInt(guildId) >> 22n) % BigInt(count)) : 0;
}

interface Session {
  id: string;
  /** [shard id, shard count] from IDENTIFY ([0, 1] when the bot does not shard). */
  shard: [number, number];
  seq: number;
  events: SentEvent[];
  socket: WebSocket | null;
}

export interface GatewayOptions {
  token: string;
  botUser: APIUser;
  applicationId: string;
  guilds: () => GuildSpec[];
  heartbeatIntervalMs: number;
}

/**
 * A Discord gateway on loopback: HELLO, IDENTIFY → READY + GUILD_CREATE, RESUME → replay + RESUMED,
 * heartbeat acks, and dispatches. Events sent while the bot is away are replayed on resume, as
 * Discord does.
 */
export class FakeGateway {
  readonly identifies: GatewayIdentifyData[] = [];
  readonly resumes: { session_id: string; seq: number }[] = [];
  /** Query strings the bot connected with (v=10&encoding=json). */
  readonly connectQueries: string[] = [];
  heartbeats = 0;
  private readonly sessions: Session[] = [];
  private server!: WebSocketServer;
  url = '';

  constructor(private readonly opts: GatewayOptions) {}

  async start(): Promise<void> {
    this.server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await once(this.server, 'listening');
    this.url = `ws://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    this.server.on('connection', (socket, req) => this.onConnection(socket, req.url ?? ''));
  }

  async stop(): Promise<void> {
    for (const client of this.server.clients) client.terminate();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** The session new events go to: the latest one, even while its bot is reconnecting. */
  private get current(): Session | undefined {
    return this.sessions[this.sessions.length - 1];
  }

  /** The latest session of the shard that serves this guild (or DMs), as Discord routes events. */
  private sessionFor(guildId: string | undefined): Session | undefined {
    return this.sessions.findLast((s) => s.shard[0] === shardOf(guildId, s.shard[1]));
  }

  /** True while a bot holds an open, identified (or resumed) connection. */
  get connected(): boolean {
    return this.current?.socket?.readyState === 1;
  }

  /** The shard ids with an open connection now. */
  get connectedShards(): number[] {
    return [...new Set(this.sessions.filter((s) => s.socket?.readyState === 1).map((s) => s.shard[0]))].sort((a, b) => a - b);
  }

  private send(socket: WebSocket, payload: GatewayReceivePayload | { op: GatewayOpcodes; d: unknown; s?: number | null; t?: string | null }): void {
    if (socket.readyState === 1) socket.send(JSON.stringify(payload));
  }

  private onConnection(socket: WebSocket, url: string): void {
    this.connectQueries.push(url.replace(/^\/?\??/, ''));
    this.send(socket, { op: GatewayOpcodes.Hello, d: { heartbeat_interval: this.opts.heartbeatIntervalMs }, s: null, t: null });
    socket.on('message', (raw) => {
      let payload: { op: GatewayOpcodes; d: unknown };
      try {
        payload = JSON.parse((Buffer.isBuffer(raw) ? raw : Array.isArray(raw) ? Buffer.concat(raw) : Buffer.from(raw)).toString()) as { op: GatewayOpcodes; d: unknown };
      } catch {
        socket.close(GatewayCloseCodes.DecodeError);
        return;
      }
      this.onPayload(socket, payload);
    });
    socket.on('close', () => {
      for (const s of this.sessions) if (s.socket === socket) s.socket = null;
    });
  }

  private onPayload(socket: WebSocket, payload: { op: GatewayOpcodes; d: unknown }): void {
    switch (payload.op) {
      case GatewayOpcodes.Heartbeat:
        this.heartbeats++;
        this.send(socket, { op: GatewayOpcodes.HeartbeatAck, d: null });
        return;
      case GatewayOpcodes.Identify:
        return this.identify(socket, payload.d as GatewayIdentifyData);
      case GatewayOpcodes.Resume:
        return this.resume(socket, payload.d as { token: string; session_id: string; seq: number });
      default:
        // Presence and voice updates are not used by Backprop.
        return;
    }
  }

  private identify(socket: WebSocket, d: GatewayIdentifyData): void {
    this.identifies.push(d);
    if (d.token.replace(/^Bot /, '') !== this.opts.token) return void socket.close(GatewayCloseCodes.AuthenticationFailed);
    if ((BigInt(d.intents) & BigInt(PRIVILEGED)) !== 0n) return void socket.close(GatewayCloseCodes.DisallowedIntents);
    const [shardId, shardCount] = d.shard ?? [0, 1];
    if (shardCount < 1 || shardId >= shardCount) return void socket.close(GatewayCloseCodes.InvalidShard);
    const session: Session = { id: snowflake(), shard: [shardId, shardCount], seq: 0, events: [], socket };
    this.sessions.push(session);
    // Each shard gets only the guilds Discord routes to it: (guild_id >> 22) % shard_count.
    const guilds = this.opts.guilds().filter((g) => shardOf(g.id, shardCount) === shardId);
    this.emit(session, GatewayDispatchEvents.Ready, aReady({
      user: this.opts.botUser,
      applicationId: this.opts.applicationId,
      guildIds: guilds.map((g) => g.id),
      sessionId: session.id,
      resumeUrl: this.url,
    }));
    for (const g of guilds) this.emit(session, GatewayDispatchEvents.GuildCreate, aGuildCreate(g));
  }

  private resume(socket: WebSocket, d: { token: string; session_id: string; seq: number }): void {
    this.resumes.push({ session_id: d.session_id, seq: d.seq });
    const session = this.sessions.find((s) => s.id === d.session_id);
    if (!session || d.token.replace(/^Bot /, '') !== this.opts.token) {
      this.send(socket, { op: GatewayOpcodes.InvalidSession, d: false });
      return;
    }
    session.socket = socket;
    for (const e of session.events.filter((e) => e.s > d.seq)) this.send(socket, { op: GatewayOpcodes.Dispatch, ...e });
    this.emit(session, GatewayDispatchEvents.Resumed, null);
  }

  private emit(session: Session, t: string, d: unknown): void {
    const event = { s: ++session.seq, t, d };
    session.events.push(event);
    if (session.socket) this.send(session.socket, { op: GatewayOpcodes.Dispatch, ...event });
  }

  /** Sends an event to the shard serving `guildId` (DMs: shard 0); buffered for replay if it is reconnecting. */
  dispatch(t: string, d: unknown, guildId?: string): void {
    const session = this.sessionFor(guildId);
    if (!session) throw new Error(`no bot has identified with the fake gateway for shard ${shardOf(guildId, this.current?.shard[1] ?? 1)}`);
    this.emit(session, t, d);
  }

  /** Closes the bot's connection as Discord does on a server restart (4000: the bot may resume). */
  closeConnection(code: number = GatewayCloseCodes.UnknownError): void {
    this.current?.socket?.close(code);
  }

  /** Tells the bot its session is gone: it must identify again. */
  invalidateSession(): void {
    const socket = this.current?.socket;
    if (socket) this.send(socket, { op: GatewayOpcodes.InvalidSession, d: false });
  }

  async waitUntilConnected(timeoutMs = 10_000, shards = 1): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (shards > 1 ? this.connectedShards.length < shards : !this.connected) {
      if (Date.now() > until) throw new Error('the bot did not connect to the fake gateway');
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}

import { createHmac } from 'node:crypto';
import type { FakeSlack } from './fake-slack.js';

/**
 * How Slack's requests reach the app: signed HTTP POSTs to Bolt's /slack/events (HTTP mode), or
 * envelopes over the fake's Socket Mode WebSocket. Both return what the app acknowledged with.
 */

export interface Acked {
  /** HTTP status (200 for a Socket Mode ack). */
  status: number;
  /** The ack's body: a message, response_action, or null when empty. */
  body: Record<string, unknown> | null;
}

export interface Transport {
  command(fields: Record<string, string>): Promise<Acked>;
  interaction(payload: Record<string, unknown>): Promise<Acked>;
  event(body: Record<string, unknown>, retryNum?: number): Promise<Acked>;
}

/** Slack's v0 request signature over "v0:<timestamp>:<body>". */
export function signRequest(secret: string, body: string, timestampSec: number): Record<string, string> {
  const sig = createHmac('sha256', secret).update(`v0:${timestampSec}:${body}`).digest('hex');
  return { 'x-slack-signature': `v0=${sig}`, 'x-slack-request-timestamp': String(timestampSec) };
}

const nowSec = () => Math.floor(Date.now() / 1000);

export class HttpTransport implements Transport {
  constructor(
    readonly url: string,
    private readonly secret: string,
  ) {}

  /** Posts a body with the given headers (tests forge or age them). */
  async raw(body: string, contentType: string, headers: Record<string, string>): Promise<Acked> {
    const res = await fetch(this.url, { method: 'POST', headers: { 'content-type': contentType, ...headers }, body });
    const text = await res.text();
    let parsed: Record<string, unknown> | null = null;
    if (text) parsed = (text.startsWith('{') ? JSON.parse(text) : { text }) as Record<string, unknown>;
    return { status: res.status, body: parsed };
  }

  signed(body: string, contentType: string, extra: Record<string, string> = {}, timestampSec = nowSec()): Promise<Acked> {
    return this.raw(body, contentType, { ...signRequest(this.secret, body, timestampSec), ...extra });
  }

  command(fields: Record<string, string>): Promise<Acked> {
    return this.signed(new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded');
  }

  interaction(payload: Record<string, unknown>): Promise<Acked> {
    return this.signed(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), 'application/x-www-form-urlencoded');
  }

  event(body: Record<string, unknown>, retryNum?: number): Promise<Acked> {
    const retry: Record<string, string> = retryNum ? { 'x-slack-retry-num': String(retryNum), 'x-slack-retry-reason': 'http_timeout' } : {};
    return this.signed(JSON.stringify(body), 'application/json', retry);
  }
}

export class SocketTransport implements Transport {
  constructor(private readonly fake: FakeSlack) {}

  private async send(type: 'slash_commands' | 'interactive' | 'events_api', payload: Record<string, unknown>, retry = 0): Promise<Acked> {
    const ack = await this.fake.sendEnvelope(type, payload, retry);
    return { status: 200, body: Object.keys(ack).length > 0 ? ack : null };
  }

  command(fields: Record<string, string>): Promise<Acked> {
    return this.send('slash_commands', fields);
  }
  interaction(payload: Record<string, unknown>): Promise<Acked> {
    return this.send('interactive', payload);
  }
  event(body: Record<string, unknown>, retryNum?: number): Promise<Acked> {
    return this.send('events_api', body, retryNum ?? 0);
  }
}

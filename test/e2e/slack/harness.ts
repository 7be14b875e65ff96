import type { App } from '../../../src/bootstrap.js';
import type { SlackConfig } from '../../../src/adapters/slack/config.js';
import type { Logger } from '../../../src/core/ports.js';
import { createSlackAdapter, type SlackAdapter } from '../../../src/adapters/slack/index.js';
import { makeTestApp } from '../../support/app.js';
import { FakeSlack } from '../../support/fake-slack/fake-slack.js';
import { buttonsOf, SlackMember } from '../../support/fake-slack/member.js';
import { HttpTransport, SocketTransport, type Transport } from '../../support/fake-slack/transport.js';

/** The real Bolt app (createSlackAdapter) against the fake Slack, over loopback. */

export const BOT_TOKEN = 'xoxb-test-token';
export const APP_TOKEN = 'xapp-test-token';
export const SIGNING_SECRET = 'test-signing-secret';
export const TEAM = 'T0ALPHA';

/** Collects log lines, so a test can assert something was logged instead of crashing. */
export function recordingLogger(): Logger & { lines: { level: string; msg: string; data?: Record<string, unknown> }[] } {
  const lines: { level: string; msg: string; data?: Record<string, unknown> }[] = [];
  const at = (level: string) => (msg: string, data?: Record<string, unknown>) => {
    lines.push({ level, msg, data });
    if (process.env['DEBUG_SLACK']) process.stderr.write(`[${level}] ${msg} ${JSON.stringify(data ?? {})}\n`);
  };
  return { lines, info: at('info'), warn: at('warn'), error: at('error') };
}

export interface AdapterOptions {
  app: App;
  fake: FakeSlack;
  socket?: boolean;
  adminUserIds?: string[];
  ackDeadlineMs?: number;
  slowNoticeMs?: number;
  logger?: Logger;
  /** The slash command word (SLACK_COMMAND). */
  command?: string;
}

export async function startAdapter(o: AdapterOptions): Promise<{ service: SlackAdapter; transport: Transport }> {
  const config: SlackConfig = {
    botToken: BOT_TOKEN,
    signingSecret: SIGNING_SECRET,
    appToken: o.socket ? APP_TOKEN : undefined,
    apiUrl: o.fake.apiUrl,
    command: o.command ?? 'prep',
    adminUserIds: o.adminUserIds ?? [],
    port: 0,
  };
  const service = createSlackAdapter(config, o.app, {
    host: '127.0.0.1',
    logger: o.logger ?? recordingLogger(),
    // Retry fast after a 429's Retry-After, so rate-limit tests stay quick.
    appOptions: { clientOptions: { retryConfig: { retries: 3, factor: 1, minTimeout: 10, maxTimeout: 10 } } },
    ackDeadlineMs: o.ackDeadlineMs,
    slowNoticeMs: o.slowNoticeMs,
  });
  await service.start();
  const transport = o.socket ? new SocketTransport(o.fake) : new HttpTransport(`http://127.0.0.1:${service.port}/slack/events`, SIGNING_SECRET);
  return { service, transport };
}

export interface Harness {
  fake: FakeSlack;
  app: App;
  service: SlackAdapter;
  transport: Transport;
  logger: ReturnType<typeof recordingLogger>;
  member(userId: string, opts?: { teamId?: string; channelId?: string; userName?: string }): SlackMember;
  stop(): Promise<void>;
}

export async function startHarness(o: Partial<Omit<AdapterOptions, 'fake'>> = {}): Promise<Harness> {
  const fake = await FakeSlack.start({ botToken: BOT_TOKEN, appToken: APP_TOKEN, teamId: TEAM });
  const app = o.app ?? (await makeTestApp());
  const logger = recordingLogger();
  const { service, transport } = await startAdapter({ ...o, app, fake, logger });
  return {
    fake,
    app,
    service,
    transport,
    logger,
    member: (userId, m = {}) =>
      new SlackMember(fake, transport, { teamId: m.teamId ?? TEAM, userId, userName: m.userName, channelId: m.channelId }, `/${o.command ?? 'prep'}`),
    stop: async () => {
      await service.stop();
      await fake.close();
    },
  };
}

/** The label ("1".."4") of the correct choice on a quiz card, read from the stored delivery. */
export async function correctChoice(app: App, teamId: string, blocks: Record<string, unknown>[]): Promise<string> {
  const choice = buttonsOf(blocks).find((b) => b.value.startsWith('bp1|quiz.choice|'));
  if (!choice) throw new Error('not a choice card');
  const deliveryId = choice.value.split('|')[2]!;
  const d = await app.store.getDelivery({ platform: 'slack', id: teamId }, deliveryId);
  if (!d) throw new Error(`delivery ${deliveryId} not stored`);
  return String(d.order.indexOf(0) + 1);
}

import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App as BoltApp, LogLevel, webApi, type AppOptions, type Logger as BoltLogger } from '@slack/bolt';
import type { App } from '../../bootstrap.js';
import type { SlackConfig } from './config.js';
import { AppError } from '../../core/errors.js';
import type { Logger } from '../../core/ports.js';
import { healthRoutes, startHealthServer } from '../../http/health.js';
import { metricsRoute } from '../../http/metrics-route.js';
import type { PlatformAdapter } from '../shared/platform-adapter.js';
import { FIRST_RESPONSE_BUDGET_MS } from '../shared/deadline.js';
import { UserDirectory } from './context.js';
import { SlackResponder } from './deliver.js';
import { createGuardedReceiver } from './guarded-receiver.js';
import { registerHandlers, SLOW_NOTICE_MS } from './handlers.js';
import { SlackPoster } from './poster.js';

export type { SlackConfig } from './config.js';
export { SLOW_NOTICE_MS } from './handlers.js';

export interface SlackAdapterOptions {
  /** Defaults to the app's logger. */
  logger?: Logger | undefined;
  /** Interface to listen on; default all. */
  host?: string | undefined;
  /** Extra Bolt options (tests pass retryConfig in clientOptions). */
  appOptions?: Partial<AppOptions> | undefined;
  ackDeadlineMs?: number | undefined;
  /** After an empty ack, how long before the member is told the store is slow. */
  slowNoticeMs?: number | undefined;
  userCacheTtlMs?: number | undefined;
}

export interface SlackAdapter extends PlatformAdapter {
  readonly poster: SlackPoster;
  /** The port it listens on (HTTP mode) or serves health on (Socket Mode); known once started. */
  readonly port: number;
}

/** Bolt logs through ours; Bolt's debug output is dropped. */
function boltLogger(logger: Logger): BoltLogger {
  let level = LogLevel.INFO;
  return {
    debug: () => {},
    info: (...msg: unknown[]) => logger.info(`slack: ${msg.map(String).join(' ')}`),
    warn: (...msg: unknown[]) => logger.warn(`slack: ${msg.map(String).join(' ')}`),
    error: (...msg: unknown[]) => logger.error(`slack: ${msg.map(String).join(' ')}`),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => {},
  };
}

/** auth.test once, with a clear message; its ids also spare Bolt its own auth.test call. */
async function identify(token: string, clientOptions: webApi.WebClientOptions, apiUrl: string): Promise<{ botId: string; botUserId: string; teamId: string }> {
  const client = new webApi.WebClient(token, { ...clientOptions, retryConfig: { retries: 2, factor: 2, minTimeout: 500 } });
  try {
    const res = await client.auth.test();
    if (!res.user_id || !res.team_id) throw new Error('auth.test returned no user or team id');
    return { botId: res.bot_id ?? '', botUserId: res.user_id, teamId: res.team_id };
  } catch (err) {
    const code = (err as { data?: { error?: string } }).data?.error;
    if (code === 'invalid_auth' || code === 'not_authed' || code === 'account_inactive' || code === 'token_revoked') {
      throw new AppError('CONFIG_INVALID', `Slack rejected SLACK_BOT_TOKEN (${code}). Copy the Bot User OAuth Token (xoxb-…) from your app's OAuth & Permissions page.`, { cause: err });
    }
    throw new AppError('CONFIG_INVALID', `Could not reach the Slack Web API at ${apiUrl} (${(err as Error).message}). Check SLACK_API_URL and the network.`, { cause: err });
  }
}

/**
 * The Slack adapter: Bolt in HTTP mode (requests signed and checked by Bolt's receiver, health
 * routes on the same server) or in Socket Mode when an app token is given (no public URL).
 */
export function createSlackAdapter(config: SlackConfig, app: App, opts: SlackAdapterOptions = {}): SlackAdapter {
  const logger = opts.logger ?? app.logger;
  const apiUrl = config.apiUrl ?? 'https://slack.com/api/';
  // Every WebClient Bolt creates (and Socket Mode's) is built from these options.
  const clientOptions: webApi.WebClientOptions = { ...opts.appOptions?.clientOptions, ...(config.apiUrl ? { slackApiUrl: config.apiUrl } : {}) };
  const socketMode = config.appToken !== undefined;
  const routes = [...healthRoutes(app.store), metricsRoute(app.metrics)];
  // Bolt's client exists only once auth.test named the bot; the poster waits for it.
  let bolt: BoltApp | undefined;
  const poster = new SlackPoster(() => {
    if (!bolt) throw new AppError('INTERNAL', 'the Slack adapter is not started');
    return bolt.client;
  }, config.command);
  let port = config.port;
  let stopServing: () => Promise<void> = async () => {};

  async function start(): Promise<void> {
    const who = await identify(config.botToken, clientOptions, apiUrl);
    const started = new BoltApp({
      ...opts.appOptions,
      token: config.botToken,
      botId: who.botId,
      botUserId: who.botUserId,
      logger: boltLogger(logger),
      clientOptions,
      ...(socketMode
        ? // The Socket Mode client mutates the options it is given (retries); give it its own copy.
          { socketMode: true, appToken: config.appToken, installerOptions: { clientOptions: { ...clientOptions } } }
        : { receiver: createGuardedReceiver({ signingSecret: config.signingSecret, customRoutes: routes, logger: boltLogger(logger) }) }),
    });
    bolt = started;
    // The Web API client retries a 429 after Slack's Retry-After: counted as a 429 and as time waited.
    started.client.on(webApi.WebClientEvent.RATE_LIMITED, (retrySec: number) => {
      app.metrics.platformRequest('slack', 429);
      app.metrics.rateLimitWait('slack', retrySec);
    });
    started.error(async (err) => {
      logger.error('Slack listener failed', { error: err.message });
    });
    registerHandlers(started, {
      app,
      command: config.command,
      users: new UserDirectory({ adminUserIds: config.adminUserIds, logger, ttlMs: opts.userCacheTtlMs }),
      responder: new SlackResponder(logger),
      poster,
      logger,
      ackDeadlineMs: opts.ackDeadlineMs ?? FIRST_RESPONSE_BUDGET_MS,
      slowNoticeMs: opts.slowNoticeMs ?? SLOW_NOTICE_MS,
    });

    if (socketMode) {
      try {
        await started.start();
      } catch (err) {
        const code = (err as { data?: { error?: string } }).data?.error;
        throw new AppError('CONFIG_INVALID', `Could not open a Socket Mode connection${code ? ` (${code})` : ''}: check SLACK_APP_TOKEN (an app-level token with connections:write).`, { cause: err });
      }
      const health = await startHealthServer(config.port, routes, opts.host ?? '0.0.0.0');
      port = health.port;
      logger.info('Slack adapter connected in Socket Mode', { team: who.teamId, healthPort: health.port });
      stopServing = async () => {
        await started.stop();
        await health.stop();
      };
      return;
    }

    let server: Server;
    try {
      server = await started.start(opts.host ? { port: config.port, host: opts.host } : config.port);
    } catch (err) {
      throw new AppError('CONFIG_INVALID', `Could not listen on PORT ${config.port} (${(err as Error).message}). Set PORT to a free port.`, { cause: err });
    }
    port = (server.address() as AddressInfo).port;
    logger.info('Slack adapter listening (HTTP)', { team: who.teamId, port, events: '/slack/events' });
    stopServing = () => started.stop().then(() => undefined);
  }

  return {
    platform: 'slack',
    poster,
    servesHealth: true,
    get port() {
      return port;
    },
    start,
    stop: () => stopServing(),
  };
}

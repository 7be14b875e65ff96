import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App as BoltApp, LogLevel, webApi, type AppOptions, type Logger as BoltLogger } from '@slack/bolt';
import type { App } from '../../app.js';
import type { SlackConfig } from '../../config.js';
import type { ChannelPoster } from '../../core/channel-poster.js';
import { AppError } from '../../core/errors.js';
import type { Logger } from '../../core/ports.js';
import { healthRoutes, startHealthServer } from '../../http/health.js';
import type { Service } from '../../service.js';
import { FIRST_RESPONSE_BUDGET_MS } from '../shared/deadline.js';
import { UserDirectory } from './context.js';
import { SlackResponder } from './deliver.js';
import { registerHandlers, SLOW_NOTICE_MS } from './handlers.js';
import { SlackPoster } from './poster.js';

/**
 * The Slack adapter: Bolt in HTTP mode (requests signed and checked by Bolt's receiver, health
 * routes on the same server) or in Socket Mode when an app token is given (no public URL).
 */

export interface StartSlackOptions {
  app: App;
  config: SlackConfig;
  /** HTTP mode: Bolt's port; Socket Mode: the health server's. 0 picks a free port. */
  port: number;
  logger: Logger;
  /** Interface to listen on; default all. */
  host?: string | undefined;
  /** Extra Bolt options (tests pass retryConfig in clientOptions). */
  appOptions?: Partial<AppOptions> | undefined;
  ackDeadlineMs?: number | undefined;
  /** After an empty ack, how long before the member is told the store is slow. */
  slowNoticeMs?: number | undefined;
  userCacheTtlMs?: number | undefined;
}

export type SlackService = Service & { poster: ChannelPoster; port: number };

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

export async function startSlack(opts: StartSlackOptions): Promise<SlackService> {
  const { app, config, logger } = opts;
  const apiUrl = config.apiUrl ?? 'https://slack.com/api/';
  // Every WebClient Bolt creates (and Socket Mode's) is built from these options.
  const clientOptions: webApi.WebClientOptions = { ...opts.appOptions?.clientOptions, ...(config.apiUrl ? { slackApiUrl: config.apiUrl } : {}) };
  const who = await identify(config.botToken, clientOptions, apiUrl);
  const socketMode = config.appToken !== undefined;
  const routes = healthRoutes(app.store);

  const bolt = new BoltApp({
    ...opts.appOptions,
    token: config.botToken,
    botId: who.botId,
    botUserId: who.botUserId,
    logger: boltLogger(logger),
    clientOptions,
    ...(socketMode
      ? // The Socket Mode client mutates the options it is given (retries); give it its own copy.
        { socketMode: true, appToken: config.appToken, installerOptions: { clientOptions: { ...clientOptions } } }
      : { signingSecret: config.signingSecret, customRoutes: routes, port: opts.port }),
  });
  bolt.error(async (err) => {
    logger.error('Slack listener failed', { error: err.message });
  });

  const poster = new SlackPoster(bolt.client, config.command);
  registerHandlers(bolt, {
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
      await bolt.start();
    } catch (err) {
      const code = (err as { data?: { error?: string } }).data?.error;
      throw new AppError('CONFIG_INVALID', `Could not open a Socket Mode connection${code ? ` (${code})` : ''}: check SLACK_APP_TOKEN (an app-level token with connections:write).`, { cause: err });
    }
    const health = await startHealthServer(opts.port, routes, opts.host ?? '0.0.0.0');
    logger.info('Slack adapter connected in Socket Mode', { team: who.teamId, healthPort: health.port });
    return {
      poster,
      port: health.port,
      stop: async () => {
        await bolt.stop();
        await health.stop();
      },
    };
  }

  let server: Server;
  try {
    server = await bolt.start(opts.host ? { port: opts.port, host: opts.host } : opts.port);
  } catch (err) {
    throw new AppError('CONFIG_INVALID', `Could not listen on PORT ${opts.port} (${(err as Error).message}). Set PORT to a free port.`, { cause: err });
  }
  const port = (server.address() as AddressInfo).port;
  logger.info('Slack adapter listening (HTTP)', { team: who.teamId, port, events: '/slack/events' });
  return { poster, port, stop: () => bolt.stop().then(() => undefined) };
}

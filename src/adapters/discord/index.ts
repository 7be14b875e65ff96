import { Client, Events, GatewayIntentBits, RESTEvents, type ClientOptions } from 'discord.js';
import type { App } from '../../bootstrap.js';
import type { DiscordConfig } from './config.js';
import { AppError } from '../../core/errors.js';
import type { Logger } from '../../core/ports.js';
import type { PlatformAdapter } from '../shared/platform-adapter.js';
import { unregisteredCommands } from './deploy.js';
import { createInteractionHandler } from './interactions.js';
import { NO_MENTIONS } from './mentions.js';
import { DiscordPoster } from './poster.js';
import { DEFAULT_TIMING, type Timing } from './respond.js';

export { deployCommands, createRest } from './deploy.js';
export { DiscordPoster } from './poster.js';
export { DEFAULT_TIMING } from './respond.js';
export type { DiscordConfig } from './config.js';

export interface DiscordAdapterOptions {
  /** Defaults to the app's logger. */
  logger?: Logger | undefined;
  /** Extra discord.js options (tests tune waitGuildTimeout and the identify throttle); intents, mentions and the API base are fixed. */
  clientOptions?: Partial<ClientOptions> | undefined;
  timing?: Partial<Timing> | undefined;
}

export interface DiscordAdapter extends PlatformAdapter {
  readonly client: Client;
  readonly poster: DiscordPoster;
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

function loginError(err: unknown, config: DiscordConfig): AppError {
  const code = typeof err === 'object' && err !== null && 'code' in err ? err.code : undefined;
  if (code === 'TokenInvalid') {
    return new AppError('CONFIG_INVALID', 'Discord rejected DISCORD_TOKEN. Copy the token again from the Developer Portal → your app → Bot → Reset Token.', { cause: err });
  }
  return new AppError('INTERNAL', `Could not connect to Discord at ${config.apiBase}: ${message(err)}`, { cause: err });
}

/**
 * The Discord adapter: connects to the gateway with the Guilds intent only (no privileged intents)
 * and serves slash commands, buttons, modals and autocomplete from the command registry.
 */
export function createDiscordAdapter(config: DiscordConfig, app: App, opts: DiscordAdapterOptions = {}): DiscordAdapter {
  const logger = opts.logger ?? app.logger;
  const client = new Client({
    ...opts.clientOptions,
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: NO_MENTIONS,
    // discord.js takes the gateway URL from GET /gateway/bot on this base, so a proxy serves both.
    rest: { ...opts.clientOptions?.rest, api: config.apiBase },
    // Sharding across processes: this process runs DISCORD_SHARD_IDS of DISCORD_SHARD_COUNT.
    ...(config.shards
      ? config.shards.count === 'auto'
        ? { shards: 'auto' as const }
        : { shards: config.shards.ids ?? Array.from({ length: config.shards.count }, (_, i) => i), shardCount: config.shards.count }
      : {}),
  });
  const poster = new DiscordPoster(client);
  const handle = createInteractionHandler({
    core: app.core,
    registry: app.registry,
    poster,
    logger,
    timing: { ...DEFAULT_TIMING, ...opts.timing },
    metrics: app.metrics,
  });

  client.on(Events.InteractionCreate, (i) => void handle(i));
  client.on(Events.Error, (err) => logger.error('discord client error', { error: err.message }));
  client.on(Events.ShardError, (err) => logger.warn('discord gateway error', { error: err.message }));
  // Closing the gateway on purpose is not a reconnect worth a warning.
  let stopping = false;
  client.on(Events.ShardReconnecting, () => {
    if (!stopping) logger.warn('discord gateway reconnecting');
  });
  client.on(Events.ShardResume, () => logger.info('discord gateway resumed'));
  client.on(Events.Warn, (w) => logger.warn('discord warning', { warning: w }));
  client.rest.on(RESTEvents.RateLimited, (info) => {
    // Emitted when a request has to wait for its exhausted bucket before it is sent: time spent waiting.
    app.metrics.rateLimitWait('discord', info.retryAfter / 1000);
    logger.warn('discord rate limited', { route: info.route, retryAfterMs: info.retryAfter, global: info.global });
  });
  client.rest.on(RESTEvents.Response, (_request, response) => {
    app.metrics.platformRequest('discord', response.status);
    // A 429 is retried after its Retry-After (seconds) without a RateLimited event: that wait too.
    if (response.status === 429) app.metrics.rateLimitWait('discord', Number(response.headers.get('retry-after')) || 0);
  });

  return {
    platform: 'discord',
    client,
    poster,
    async start() {
      const ready = new Promise<Client<true>>((resolve) => client.once(Events.ClientReady, resolve));
      try {
        await client.login(config.token);
      } catch (err) {
        await client.destroy();
        throw loginError(err, config);
      }
      const connected = await ready;
      if (config.appId && connected.application.id !== config.appId) {
        logger.warn("DISCORD_APP_ID is not the application of DISCORD_TOKEN; using the token's", { configured: config.appId, actual: connected.application.id });
      }
      logger.info('Connected to Discord', {
        user: connected.user.tag,
        application: connected.application.id,
        guilds: connected.guilds.cache.size,
        shards: connected.ws.shards.map((s) => s.id),
        shardCount: client.options.shardCount,
      });
      // The most common first-run problem: the bot is online but its slash commands were never registered.
      void unregisteredCommands({ rest: client.rest, appId: connected.application.id, guildId: config.guildId, commands: app.registry.commands })
        .then((missing) => {
          if (missing.length > 0) logger.warn('Slash commands are not registered with Discord: run npm run discord:deploy', { missing });
        })
        .catch((err: unknown) => logger.warn('Could not list the registered slash commands', { error: message(err) }));
    },
    async stop() {
      stopping = true;
      await client.destroy();
    },
  };
}

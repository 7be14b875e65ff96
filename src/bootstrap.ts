import { join, resolve } from 'node:path';
import { commands } from '../commands/index.js';
import { loadBank } from './bank-loader.js';
import type { AppConfig } from './config.js';
import { createCore, type Core, type CoreDeps } from './core/core.js';
import { dailyRenderer } from './views/daily-views.js';
import { systemClock, type Clock, type Logger, type Random } from './core/ports.js';
import type { SessionStore } from './core/session-store.js';
import type { Store } from './core/store.js';
import type { Grader } from './core/grading/grader.js';
import { hasGradingUsage } from './core/grading/grading-usage.js';
import { createGrader } from './grading-ai/index.js';
import { projectRoot } from './paths.js';
import { cryptoRandom } from './random.js';
import { CommandRegistry } from './registry/registry.js';
import { SqliteStore } from './store/sqlite/sqlite-store.js';

/** The composition root's first half: bank, store, core and commands, ready for adapters. */
async function openStore(config: AppConfig, logger: Logger): Promise<Store> {
  if (!config.redis) return SqliteStore.open({ clock: systemClock, dataDir: resolve(config.dataDir), logger });
  // Loaded only when configured, so the embedded path starts without the Redis client.
  const { RedisStore, createRedisClient, createRedisCluster } = await import('./store/redis-store.js');
  const { logConnectionStates, warnWithoutPersistence } = await import('./store/redis-health.js');
  const client = config.redis.clusterNodes ? createRedisCluster(config.redis.clusterNodes) : createRedisClient(config.redis.url!);
  logConnectionStates(client, logger);
  const store = new RedisStore({ client, prefix: config.redis.prefix });
  await store.ping();
  await warnWithoutPersistence(client, logger);
  logger.info('Using Redis', { prefix: config.redis.prefix });
  return store;
}

export interface App {
  core: Core;
  registry: CommandRegistry;
  /** The whole store, for its lifecycle: health checks (ping) and shutdown (close). */
  store: Store;
  /** Adapters' short-lived state (forms, confirmations), per community and shared by every process. */
  sessions: SessionStore;
  logger: Logger;
}

/** Builds everything but the adapters: bank, store, core, command registry. */
export async function createApp(
  config: AppConfig,
  logger: Logger,
  overrides: { store?: Store; clock?: Clock; random?: Random; grader?: Grader } = {},
): Promise<App> {
  const bank = loadBank(config.bankDir ? resolve(config.bankDir) : join(projectRoot, 'data'));
  const store = overrides.store ?? (await openStore(config, logger));
  const clock = overrides.clock ?? systemClock;
  const usage = hasGradingUsage(store) ? store : undefined;
  const grader = overrides.grader ?? (await createGrader(config.grader, { questions: bank.questions, clock, logger, usage }));
  const core = createBackpropCore({ bank, store, clock, random: overrides.random ?? cryptoRandom, logger, grader });
  const registry = new CommandRegistry(commands, { dynamicChoices: { topic: () => bank.topics() }, logger });
  return { core, registry, store, sessions: store, logger };
}


/** The core with Backprop's own views for what it posts by itself (daily cards). */
export function createBackpropCore(deps: Omit<CoreDeps, 'dailyRenderer'>): Core {
  return createCore({ ...deps, dailyRenderer });
}

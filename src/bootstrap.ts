import { join, resolve } from 'node:path';
import { commands } from '../commands/index.js';
import { loadBank } from './bank-loader.js';
import type { AppConfig } from './config.js';
import { createCore, type Core, type CoreDeps } from './core/core.js';
import { dailyRenderer } from './views/daily-views.js';
import { systemClock, type Clock, type Logger, type Random } from './core/ports.js';
import type { Store } from './core/store.js';
import { instrumentStore } from './metrics/instrument-store.js';
import { createPrometheusMetrics, type PrometheusMetrics } from './metrics/prometheus.js';
import { projectRoot } from './paths.js';
import { cryptoRandom } from './random.js';
import { CommandRegistry } from './registry/registry.js';
import { SqliteStore } from './store/sqlite/sqlite-store.js';

/** The composition root's first half: bank, store, core and commands, ready for adapters. */
async function openStore(config: AppConfig, logger: Logger): Promise<Store> {
  if (!config.redis) return SqliteStore.open({ clock: systemClock, dataDir: resolve(config.dataDir), logger });
  // Loaded only when configured, so the embedded path starts without the Redis client.
  const { RedisStore, createRedisClient, createRedisCluster } = await import('./store/redis-store.js');
  const client = config.redis.clusterNodes ? createRedisCluster(config.redis.clusterNodes) : createRedisClient(config.redis.url!);
  const store = new RedisStore({ client, prefix: config.redis.prefix });
  await store.ping();
  logger.info('Using Redis', { prefix: config.redis.prefix });
  return store;
}

export interface App {
  core: Core;
  registry: CommandRegistry;
  store: Store;
  logger: Logger;
  /** Counters and histograms for GET /metrics. */
  metrics: PrometheusMetrics;
}

/** Builds everything but the adapters: bank, store, core, command registry. */
export async function createApp(
  config: AppConfig,
  logger: Logger,
  overrides: { store?: Store; clock?: Clock; random?: Random; metrics?: PrometheusMetrics } = {},
): Promise<App> {
  const bank = loadBank(config.bankDir ? resolve(config.bankDir) : join(projectRoot, 'data'));
  const metrics = overrides.metrics ?? createPrometheusMetrics();
  const opened = overrides.store ?? (await openStore(config, logger));
  const store = instrumentStore(opened, storeName(config, opened), metrics);
  const core = createBackpropCore({ bank, store, clock: overrides.clock ?? systemClock, random: overrides.random ?? cryptoRandom, logger, metrics });
  const registry = new CommandRegistry(commands, { dynamicChoices: { topic: () => bank.topics() }, logger, metrics });
  return { core, registry, store, logger, metrics };
}

/** The store label of store_operation_seconds: redis, redis-cluster, sqlite, or the class of a given store. */
function storeName(config: AppConfig, store: Store): string {
  const cls = store.constructor.name.replace(/Store$/, '').toLowerCase() || 'store';
  if (cls === 'redis' && config.redis?.clusterNodes) return 'redis-cluster';
  return cls;
}


/** The core with Backprop's own views for what it posts by itself (daily cards). */
export function createBackpropCore(deps: Omit<CoreDeps, 'dailyRenderer'>): Core {
  return createCore({ ...deps, dailyRenderer });
}

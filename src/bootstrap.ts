import { join, resolve } from 'node:path';
import { commands } from '../commands/index.js';
import { loadBankCached } from './bank-cache.js';
import type { QuestionBank } from './core/bank/question-bank.js';
import type { AppConfig } from './config.js';
import { createCore, type Core, type CoreDeps } from './core/core.js';
import { dailyRenderer } from './views/daily-views.js';
import { reminderRenderer } from './views/reminder-views.js';
import { systemClock, type Clock, type Logger, type Random } from './core/ports.js';
import type { SessionStore } from './core/session-store.js';
import type { Store } from './core/store.js';
import type { Grader } from './core/grading/grader.js';
import { hasGradingUsage } from './core/grading/grading-usage.js';
import { createPngRenderer } from './pictures/png-renderer.js';
import { createGrader } from './grading-ai/index.js';
import { instrumentStore } from './metrics/instrument-store.js';
import { unscrapedMetrics, type ScrapeableMetrics } from './metrics/scrapeable.js';
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
  /** Counters and histograms for GET /metrics (none for the console, which serves no HTTP). */
  metrics: ScrapeableMetrics;
}

/** Builds everything but the adapters: bank, store, core, command registry. */
export async function createApp(
  config: AppConfig,
  logger: Logger,
  overrides: { store?: Store; clock?: Clock; random?: Random; grader?: Grader; metrics?: ScrapeableMetrics } = {},
): Promise<App> {
  // The store opens (the embedded one starts its writer thread) while the bank loads.
  const opening = overrides.store ? Promise.resolve(overrides.store) : openStore(config, logger);
  opening.catch(() => {}); // handled where it is awaited below; not an unhandled rejection meanwhile
  let bank: QuestionBank;
  try {
    ({ bank } = await loadBankCached(config.bankDir ? resolve(config.bankDir) : join(projectRoot, 'data')));
  } catch (err) {
    // An invalid bank stops the start: close what was opened meanwhile.
    await opening.then((s) => (overrides.store ? undefined : s.close()), () => undefined);
    throw err;
  }
  const metrics = overrides.metrics ?? (config.console ? unscrapedMetrics : (await import('./metrics/prometheus.js')).createPrometheusMetrics());
  const opened = await opening;
  const store = instrumentStore(opened, storeName(config, opened), metrics);
  const clock = overrides.clock ?? systemClock;
  // The usage port is read off the store itself: the metrics wrapper forwards every method.
  const usage = hasGradingUsage(store) ? store : undefined;
  const grader = overrides.grader ?? (await createGrader(config.grader, { questions: bank.questions, clock, logger, usage, metrics }));
  const core = createBackpropCore({ bank, store, clock, random: overrides.random ?? cryptoRandom, logger, grader, metrics });
  const registry = new CommandRegistry(commands, { dynamicChoices: { topic: () => bank.topics() }, communityTopics: async (c) => [...(await core.packs.topics(c)).keys()], logger, metrics });
  return { core, registry, store, sessions: store, logger, metrics };
}

/** The store label of store_operation_seconds: redis, redis-cluster, sqlite, or the class of a given store. */
function storeName(config: AppConfig, store: Store): string {
  const cls = store.constructor.name.replace(/Store$/, '').toLowerCase() || 'store';
  if (cls === 'redis' && config.redis?.clusterNodes) return 'redis-cluster';
  return cls;
}


/** The core with Backprop's own views for what it posts by itself (daily cards, practice reminders), and pictures as PNG (resvg). */
export function createBackpropCore(deps: Omit<CoreDeps, 'dailyRenderer' | 'reminderRenderer'>): Core {
  return createCore({ pictures: createPngRenderer(), ...deps, dailyRenderer, reminderRenderer });
}

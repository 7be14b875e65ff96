import { join, resolve } from 'node:path';
import { commands } from '../commands/index.js';
import { loadBank } from './bank/load-bank.js';
import { loadConfig, type AppConfig } from './config.js';
import { createCore, type Core } from './core/app.js';
import { AppError } from './core/errors.js';
import { systemClock, type Logger } from './core/ports.js';
import type { Store } from './core/store.js';
import { createLogger } from './logger.js';
import { projectRoot } from './paths.js';
import { cryptoRandom } from './random.js';
import { CommandRegistry } from './registry/registry.js';
import { MemoryStore } from './store/memory-store.js';

/** Something main starts and later stops: an adapter, the scheduler. */
export interface Service {
  stop(): Promise<void>;
}

async function openStore(config: AppConfig, logger: Logger): Promise<Store> {
  if (!config.redis) return MemoryStore.open({ clock: systemClock, dataDir: resolve(config.dataDir), logger });
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
}

/** Builds everything but the adapters: bank, store, core, command registry. */
export async function createApp(config: AppConfig, logger: Logger): Promise<App> {
  const bank = loadBank(config.bankDir ? resolve(config.bankDir) : join(projectRoot, 'data'));
  const store = await openStore(config, logger);
  const core = createCore({ bank, store, clock: systemClock, random: cryptoRandom });
  const registry = new CommandRegistry(commands, { dynamicChoices: { topic: () => bank.topics() }, logger });
  return { core, registry, store, logger };
}

async function main(): Promise<void> {
  const config = loadConfig(process.env, process.argv.slice(2));
  const logger = createLogger(config.console && config.logLevel === 'info' ? 'warn' : config.logLevel);
  const app = await createApp(config, logger);
  const services: Service[] = [];
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    for (const s of services.reverse()) await s.stop().catch((err: unknown) => logger.error('stop failed', { error: String(err) }));
    await app.store.close();
    process.exitCode = code;
  };
  process.once('SIGINT', () => void stop(0));
  process.once('SIGTERM', () => void stop(0));

  if (config.console) {
    const { ConsoleAdapter } = await import('./adapters/console/console-adapter.js');
    await new ConsoleAdapter({ core: app.core, registry: app.registry, input: process.stdin, output: process.stdout }).run();
    await stop(0);
  }
}

main().catch((err: unknown) => {
  // Operational failures (bad config, invalid bank, corrupt data) get their message, not a stack.
  process.stderr.write(err instanceof AppError ? `backprop: ${err.message}\n` : `backprop: unexpected failure: ${(err as Error)?.stack ?? String(err)}\n`);
  process.exit(1);
});

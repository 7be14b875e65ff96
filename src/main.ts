import { createApp } from './app.js';
import { loadConfig } from './config.js';
import { AppError } from './core/errors.js';
import { createLogger } from './logger.js';
import type { Service } from './service.js';
import type { ChannelPoster } from './core/channel-poster.js';
import type { Platform } from './core/identity.js';
import { DailyScheduler } from './scheduler/daily-scheduler.js';
import { healthRoutes, startHealthServer } from './http/health.js';


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

  // Platform adapters are imported only when configured, so the console starts without them.
  if (config.discord) {
    const { startDiscord } = await import('./adapters/discord/index.js');
    services.push(await startDiscord({ app, config: config.discord, logger }));
  }
  if (config.slack) {
    const { startSlack } = await import('./adapters/slack/index.js');
    services.push(await startSlack({ app, config: config.slack, port: config.port, logger }));
  }
  if (!config.console && !config.slack) {
    services.push(await startHealthServer(config.port, healthRoutes(app.store)));
  }

  const posters = new Map<Platform, ChannelPoster>();
  for (const s of services) if (s.poster) posters.set(s.poster.platform, s.poster);

  if (config.console) {
    const { ConsoleAdapter } = await import('./adapters/console/console-adapter.js');
    const consoleAdapter = new ConsoleAdapter({ core: app.core, registry: app.registry, input: process.stdin, output: process.stdout });
    posters.set('console', consoleAdapter.poster);
    services.push(new DailyScheduler(app.core.daily, posters, logger).start());
    await consoleAdapter.run();
    await stop(0);
  } else {
    services.push(new DailyScheduler(app.core.daily, posters, logger).start());
  }
}

main().catch((err: unknown) => {
  // Operational failures (bad config, invalid bank, corrupt data) get their message, not a stack.
  process.stderr.write(err instanceof AppError ? `backprop: ${err.message}\n` : `backprop: unexpected failure: ${(err as Error)?.stack ?? String(err)}\n`);
  process.exit(1);
});

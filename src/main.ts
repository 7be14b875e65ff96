import { createApp, type App } from './bootstrap.js';
import { loadConfig } from './config.js';
import type { ChannelPoster } from './core/channel-poster.js';
import { AppError } from './core/errors.js';
import { healthRoutes, startHealthServer } from './http/health.js';
import { metricsRoute } from './http/metrics-route.js';
import { createLogger } from './logger.js';
import { enabledAdapters } from './platforms.js';
import { installProcessGuard } from './process-guard.js';
import { DailyScheduler } from './scheduler/daily-scheduler.js';
import type { Service } from './service.js';

/** The composition root: config, app, the enabled adapters, the health server and the scheduler. */
async function main(): Promise<void> {
  const config = loadConfig(process.env, process.argv.slice(2));
  const logger = createLogger({
    level: config.console && config.logLevel === 'info' ? 'warn' : config.logLevel,
    format: config.logFormat,
    redact: config.logRedact,
  });
  // Filled in as start proceeds; a signal during start stops what exists so far.
  const running: { app?: App; scheduler?: DailyScheduler } = {};
  const services: Service[] = [];
  let stopping = false;

  /**
   * Stop taking work, let what is in flight finish, close the platforms and the store, exit.
   * Bounded by the grace period: a dependency that does not answer (Redis down) cannot hold the
   * process, and exiting explicitly ends reconnect timers that would otherwise keep it alive.
   */
  const stop = async (code: number, reason: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('stopping', { reason, graceMs: config.shutdownGraceMs });
    setTimeout(() => {
      logger.warn('grace period over; exiting with work unfinished', { graceMs: config.shutdownGraceMs });
      process.exit(code);
    }, config.shutdownGraceMs).unref();
    const { app, scheduler } = running;
    app?.registry.close();
    await scheduler?.stop().catch((err: unknown) => logger.error('stop failed', { error: String(err) }));
    await app?.registry.drain();
    for (const s of services.reverse()) await s.stop().catch((err: unknown) => logger.error('stop failed', { error: String(err) }));
    await app?.store.close().catch((err: unknown) => logger.error('closing the store failed', { error: String(err) }));
    logger.info('stopped');
    process.exit(code);
  };
  process.once('SIGINT', () => void stop(0, 'SIGINT'));
  process.once('SIGTERM', () => void stop(0, 'SIGTERM'));
  installProcessGuard(logger, () => void stop(1, 'repeated unexpected errors'));

  const app = await createApp(config, logger);
  running.app = app;
  const adapters = await enabledAdapters(config, app);
  const posters = new Map<string, ChannelPoster>();
  for (const adapter of adapters) {
    if (stopping) return;
    await adapter.start();
    services.push(adapter);
    posters.set(adapter.platform, adapter.poster);
  }
  if (!config.console && !adapters.some((a) => a.servesHealth)) {
    const health = await startHealthServer(config.port, [...healthRoutes(app.store), metricsRoute(app.metrics)]);
    logger.info('Serving /healthz, /readyz and /metrics', { port: health.port });
    services.push(health);
  }
  if (stopping) return;
  running.scheduler = new DailyScheduler(app.core.daily, posters, logger, app.core.reminders).start();

  // An adapter that ends by itself (the console at the end of its input) ends the process.
  const finished = adapters.flatMap((a) => (a.finished ? [a.finished] : []));
  if (finished.length > 0) {
    await Promise.race(finished);
    await stop(0, 'end of input');
  }
}

main().catch((err: unknown) => {
  // Operational failures (bad config, invalid bank, corrupt data) get their message, not a stack.
  process.stderr.write(err instanceof AppError ? `backprop: ${err.message}\n` : `backprop: unexpected failure: ${(err as Error)?.stack ?? String(err)}\n`);
  process.exit(1);
});

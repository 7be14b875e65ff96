import type { ScheduledTask } from 'node-cron';
import type { ChannelPoster } from '../core/channel-poster.js';
import type { DailyService } from '../core/daily/daily-service.js';
import type { ReminderService } from '../core/learning/reminder-service.js';
import type { Platform } from '../core/identity.js';
import type { Logger } from '../core/ports.js';
import type { Service } from '../service.js';

/**
 * Drives daily posts: node-cron ticks at the start of every minute and the daily service posts
 * and reveals whatever is due. Because each tick looks at what is due rather than at what fired,
 * a run missed while the process was down is caught up on the first tick (late, once), and DST
 * changes need no special cron handling. Ticks never overlap; interactive commands never wait.
 */
export class DailyScheduler implements Service {
  private task: Promise<ScheduledTask | null> | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly daily: DailyService,
    private readonly posters: ReadonlyMap<Platform, ChannelPoster>,
    private readonly logger: Logger,
    /** Practice reminders, sent by the same minute tick (direct messages on days with reviews due). */
    private readonly reminders?: ReminderService,
  ) {}

  start(): this {
    // node-cron loads once the start is done; this first tick needs none of it.
    this.task = import('node-cron').then(
      ({ default: cron }) => cron.schedule('* * * * *', () => void this.tick(), { name: 'backprop-daily', noOverlap: true }),
      (err: unknown) => {
        this.logger.error('daily scheduler could not start', { error: String(err) });
        return null;
      },
    );
    void this.tick();
    return this;
  }

  /** One pass over every schedule, then every due reminder; a pass still running makes the next tick a no-op. */
  tick(): Promise<void> {
    if (this.running) return this.running;
    this.running = this.daily
      .runDue(this.posters)
      .then((r) => {
        if (r.posted + r.revealed > 0) this.logger.info('daily questions', r);
      })
      .catch((err: unknown) => this.logger.error('daily tick failed', { error: String(err) }))
      .then(() => this.reminders?.runDue(this.posters))
      .then((r) => {
        if (r && r.sent > 0) this.logger.info('practice reminders', r);
      })
      .catch((err: unknown) => this.logger.error('reminder tick failed', { error: String(err) }))
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }

  async stop(): Promise<void> {
    const task = this.task;
    this.task = null;
    await (await task)?.stop();
    await this.running;
  }
}

import type { ChannelPoster } from '../channel-poster.js';
import { parseTime, parseTimeZone } from '../daily/schedule-input.js';
import { DEFAULT_TIME_ZONE } from '../calendar.js';
import type { Platform, UserRef } from '../identity.js';
import type { Metrics, ReminderOutcome } from '../metrics.js';
import type { Clock, Logger, Random } from '../ports.js';
import type { MessageReply } from '../reply.js';
import { fail, ok, type Result } from '../result.js';
import type { ScheduleStore } from '../schedule-store.js';
import type { SettingsStore } from '../settings-store.js';
import type { DueCards } from './graded-answer.js';
import { nextReminderAt, reminderDay, type DueReminder, type Reminder } from './reminder.js';
import type { ReminderStore } from './reminder-store.js';

/** A reminder this late (the bot was down at its time) is skipped for the day rather than sent. */
export const LATE_REMINDER_MS = 6 * 3_600_000;
/** A send claimed but not finished within this long belongs to a process that died. */
const STALE_CLAIM_MS = 5 * 60_000;
const SLOT_TTL_MS = 3 * 86_400_000;

/** How a reminder looks; provided by the views (the core never formats). */
export interface ReminderRenderer {
  reminder(due: number, invocation: (command: string) => string): MessageReply;
}

export interface ReminderDeps {
  reminders: ReminderStore;
  /** Daily posts' exactly-once slots, reused: one slot per member and local day. */
  slots: Pick<ScheduleStore, 'claimSlot' | 'finishSlot' | 'releaseSlot' | 'getSlot'>;
  settings: Pick<SettingsStore, 'getSettings'>;
  clock: Clock;
  random: Random;
  logger: Logger;
  render: ReminderRenderer;
  /** The learning loop's count of due reviews; without it no reminder is ever due. */
  dueCards?: DueCards | undefined;
  /** Counts reminders by outcome; nothing by default. */
  metrics?: Metrics | undefined;
}

export interface SetReminderRequest {
  user: UserRef;
  time: string;
  /** An explicit zone (the command's option) wins over the platform's and the community's. */
  timeZone?: string | undefined;
  /** The member's zone as the platform knows it (Slack), else undefined (Discord). */
  userZone?: string | undefined;
}

export interface ReminderStatus {
  reminder: Reminder;
  /** Reviews due now, when the learning loop is there to count them. */
  dueNow: number | null;
}

/** The reminder slots' "channel": a member's direct messages, by user id. */
const slotChannel = (userId: string) => `remind:${userId}`;

/**
 * Practice reminders: a member picks a local time; on days when they have reviews due, the
 * scheduler sends them a direct message then, at most once a day across every process (the daily
 * posts' slot claims), and nothing on days with nothing due.
 */
export class ReminderService {
  constructor(private readonly deps: ReminderDeps) {}

  async set(req: SetReminderRequest, poster: ChannelPoster | undefined): Promise<Result<ReminderStatus>> {
    if (!poster?.sendDirect) return fail('REMINDERS_UNAVAILABLE', {});
    const time = parseTime(req.time);
    if (!time.ok) return time;
    const zoneInput = req.timeZone ?? req.userZone ?? (await this.deps.settings.getSettings(req.user.community)).timeZone ?? DEFAULT_TIME_ZONE;
    const zone = parseTimeZone(zoneInput);
    if (!zone.ok) return zone;
    const now = this.deps.clock.now();
    const reminder: Reminder = { userId: req.user.userId, time: time.value, timeZone: zone.value, nextAt: nextReminderAt(time.value, zone.value, now), createdAt: now };
    await this.deps.reminders.saveReminder(req.user.community, reminder);
    return ok({ reminder, dueNow: await this.dueNow(req.user) });
  }

  async off(user: UserRef): Promise<Result<true>> {
    return (await this.deps.reminders.deleteReminder(user.community, user.userId)) ? ok(true) : fail('NO_REMINDER', {});
  }

  async status(user: UserRef): Promise<Result<ReminderStatus>> {
    const reminder = await this.deps.reminders.getReminder(user.community, user.userId);
    return reminder ? ok({ reminder, dueNow: await this.dueNow(user) }) : fail('NO_REMINDER', {});
  }

  /** One scheduler tick: every reminder whose time has come is sent (if reviews are due) and moved to the next day. */
  async runDue(posters: ReadonlyMap<Platform, ChannelPoster>, limit = 100): Promise<{ sent: number; skipped: number }> {
    const now = this.deps.clock.now();
    let sent = 0;
    let skipped = 0;
    for (const due of await this.deps.reminders.dueReminders(now, limit)) {
      try {
        const outcome = await this.runOne(due, posters.get(due.community.platform), now);
        if (outcome !== 'left') this.deps.metrics?.reminder(outcome);
        if (outcome === 'sent' || outcome === 'refused') sent++;
        else if (outcome === 'skipped') skipped++;
      } catch (err) {
        this.deps.metrics?.reminder('failed');
        this.deps.logger.error('practice reminder failed', { error: String(err) });
      }
    }
    return { sent, skipped };
  }

  /** 'left' when another process has it or this one cannot send; the day is then not counted here. */
  private async runOne({ community, reminder }: DueReminder, poster: ChannelPoster | undefined, now: number): Promise<ReminderOutcome | 'left'> {
    // A replica that cannot send leaves the reminder due for one that can.
    if (!poster?.sendDirect || poster.isConnected?.() === false) return 'left';
    const { reminders, slots, random } = this.deps;
    const next = nextReminderAt(reminder.time, reminder.timeZone, now);
    const user = { community, userId: reminder.userId, displayName: reminder.userId };
    const due = now - reminder.nextAt > LATE_REMINDER_MS ? 0 : await this.countDue(user, now);
    if (due === 0) {
      await reminders.advanceReminder(community, reminder.userId, reminder.nextAt, next);
      return 'skipped';
    }
    const token = random.id();
    const day = reminderDay(reminder.nextAt, reminder.timeZone);
    const claim = { token, now, staleBefore: now - STALE_CLAIM_MS, ttlMs: SLOT_TTL_MS };
    if (!(await slots.claimSlot(community, slotChannel(reminder.userId), day, 'post', claim))) {
      // Another process is sending today's (it moves the reminder on), or sent it and died before
      // moving it: then this one moves it, so the reminder does not stay due forever.
      const slot = await slots.getSlot(community, slotChannel(reminder.userId), day);
      if (slot?.state === 'posted') await reminders.advanceReminder(community, reminder.userId, reminder.nextAt, next);
      return 'left';
    }
    let outcome: ReminderOutcome = 'sent';
    try {
      await poster.sendDirect(community, reminder.userId, this.deps.render.reminder(due, (c) => poster.invocation(c)));
    } catch (err) {
      if (!(poster.isPlatformAnswer?.(err) ?? true)) {
        // Not the platform's answer (the connection dropped): give the day back so a retry can send.
        await slots.releaseSlot(community, slotChannel(reminder.userId), day, 'post', token).catch(() => false);
        throw err;
      }
      // The platform refused (the member blocks direct messages): no retry today.
      this.deps.logger.warn('practice reminder refused by the platform', { error: String(err) });
      outcome = 'refused';
    }
    await slots.finishSlot(community, slotChannel(reminder.userId), day, 'post', token, { postedAt: this.deps.clock.now() });
    await reminders.advanceReminder(community, reminder.userId, reminder.nextAt, next);
    return outcome;
  }

  private async countDue(user: UserRef, now: number): Promise<number> {
    return this.deps.dueCards ? this.deps.dueCards.dueCount(user, now) : 0;
  }

  private async dueNow(user: UserRef): Promise<number | null> {
    return this.deps.dueCards ? this.deps.dueCards.dueCount(user, this.deps.clock.now()) : null;
  }
}

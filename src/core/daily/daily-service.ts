import type { Difficulty, Question } from '../bank/schema.js';
import type { QuestionBanks } from '../packs/community-bank.js';
import type { ChannelPoster } from '../channel-poster.js';
import type { Community, Platform } from '../identity.js';
import type { Clock, Logger, Random } from '../ports.js';
import type { MessageReply } from '../reply.js';
import { fail, ok, type Result } from '../result.js';
import type { DeliveryStore } from '../delivery-store.js';
import type { Delivery } from '../quiz/delivery.js';
import type { ScheduleStore } from '../schedule-store.js';
import type { ScoreStore } from '../score-store.js';
import type { SettingsStore } from '../settings-store.js';
import type { DailySchedule, DailySlot, ScheduledChannel, SlotPhase } from './schedule.js';
import { optionsInOrder, type PresentedQuiz } from '../quiz/quiz-service.js';
import { selectQuestion, shuffledOrder } from '../quiz/select-question.js';
import { parseFilters, parseTime, parseTimeZone, parseWeekdays } from './schedule-input.js';
import { nextOccurrence, recentSlots, slotAt, type Occurrence } from './schedule-time.js';
import type { Metrics } from '../metrics.js';

/** A claim not finished within this long belongs to a process that died; another may take over. */
export const STALE_CLAIM_MS = 5 * 60_000;
/** Slot records outlive their day, so a restart the next morning still knows what happened. */
const SLOT_TTL_MS = 3 * 86_400_000;
/** Members can still open a revealed daily card's delivery (to be told it is closed) this long. */
const DELIVERY_GRACE_MS = 2 * 86_400_000;

export interface RevealSummary {
  answered: number;
  correct: number;
  /** Display names of the first three correct answers, in order. */
  firstCorrect: string[];
}

/** How daily posts look; provided by the views, so the core never formats for a platform. */
export interface DailyRenderer {
  card(quiz: PresentedQuiz): MessageReply;
  /** `invocation` names a command the way members type it where the card is. */
  reveal(quiz: PresentedQuiz, summary: RevealSummary, invocation: (command: string) => string): MessageReply;
}

export interface SetupRequest {
  community: Community;
  channelId: string;
  adminId: string;
  time: string;
  timeZone: string;
  weekdays?: string | undefined;
  topic?: string | undefined;
  difficulty?: string | undefined;
  mode?: string | undefined;
  revealHours?: number | undefined;
}

export interface DailyStatus {
  schedule: DailySchedule;
  next: Occurrence | null;
  /** The most recent post (today's or yesterday's slot), if any. */
  last: (DailySlot & { slot: string }) | null;
}

interface DailyDeps {
  /** The bank plus the community's packs, minus its paused questions. */
  banks: QuestionBanks;
  schedules: ScheduleStore;
  deliveries: DeliveryStore;
  scores: ScoreStore;
  settings: SettingsStore;
  clock: Clock;
  random: Random;
  render: DailyRenderer;
  logger: Logger;
  metrics?: Metrics | undefined;
}

/**
 * Daily channel questions: setting schedules up, and posting and revealing each (channel, local
 * date) exactly once however many processes run it. Posting claims the slot first (SET NX), then
 * posts, then records the message; a claim whose process died is taken over once it is stale.
 */
export class DailyService {
  constructor(private readonly deps: DailyDeps) {}

  async setup(req: SetupRequest, poster: ChannelPoster): Promise<Result<{ schedule: DailySchedule; next: Occurrence | null }>> {
    const time = parseTime(req.time);
    if (!time.ok) return time;
    const zone = parseTimeZone(req.timeZone);
    if (!zone.ok) return zone;
    const weekdays = parseWeekdays(req.weekdays);
    if (!weekdays.ok) return weekdays;
    const bank = await this.deps.banks.for(req.community);
    const filters = parseFilters({ topic: req.topic, difficulty: req.difficulty, mode: req.mode, revealHours: req.revealHours }, bank.topics());
    if (!filters.ok) return filters;
    if (bank.filter({ topic: req.topic, difficulty: req.difficulty as Difficulty | undefined }).length === 0) {
      return fail('NO_QUESTIONS', { topic: req.topic, difficulty: req.difficulty, daily: true });
    }
    const problem = await poster.checkChannel(req.community, req.channelId);
    if (problem) return fail('FORBIDDEN', { reason: problem });
    const schedule: DailySchedule = {
      channelId: req.channelId,
      time: time.value,
      timeZone: zone.value,
      weekdays: weekdays.value,
      ...filters.value,
      createdBy: req.adminId,
      createdAt: this.deps.clock.now(),
    };
    await this.deps.schedules.saveSchedule(req.community, schedule);
    // The community's streak day follows its first daily schedule's zone.
    await this.deps.settings.updateSettings(req.community, { timeZone: zone.value }, true);
    return ok({ schedule, next: nextOccurrence(schedule, this.deps.clock.now()) });
  }

  async off(c: Community, channelId: string): Promise<Result<true>> {
    return (await this.deps.schedules.deleteSchedule(c, channelId)) ? ok(true) : fail('NO_SCHEDULE', { then: 'off' });
  }

  async status(c: Community, channelId: string): Promise<Result<DailyStatus>> {
    const schedule = await this.deps.schedules.getSchedule(c, channelId);
    if (!schedule) return fail('NO_SCHEDULE', { then: 'status' });
    const now = this.deps.clock.now();
    let last: DailyStatus['last'] = null;
    for (const { slot: name } of recentSlots(schedule, now).reverse()) {
      const slot = await this.deps.schedules.getSlot(c, channelId, name);
      if (slot && slot.state !== 'claimed') {
        last = { ...slot, slot: name };
        break;
      }
    }
    return ok({ schedule, next: nextOccurrence(schedule, now), last });
  }

  /** Posts today's question now, ahead of its time; today's slot then counts as used. */
  async postNow(c: Community, channelId: string, poster: ChannelPoster): Promise<Result<DailySlot>> {
    const schedule = await this.deps.schedules.getSchedule(c, channelId);
    if (!schedule) return fail('NO_SCHEDULE', { then: 'now' });
    const now = this.deps.clock.now();
    const slot = slotAt(now, schedule.timeZone);
    const occ: Occurrence = { slot, postAt: now, revealAt: now + schedule.revealAfterMinutes * 60_000 };
    const posted = await this.post({ community: c, schedule }, occ, poster);
    if (posted) return ok(posted);
    const existing = await this.deps.schedules.getSlot(c, channelId, slot);
    return fail('DAILY_ALREADY_POSTED', { inProgress: !existing?.postedAt });
  }

  /**
   * One scheduler tick: posts every slot whose time has come (late, once, if it was missed and
   * its reveal time has not passed) and reveals every posted slot whose reveal time has come.
   */
  async runDue(posters: ReadonlyMap<Platform, ChannelPoster>, limit = 8): Promise<{ posted: number; revealed: number }> {
    const now = this.deps.clock.now();
    const work: (() => Promise<'posted' | 'revealed' | null>)[] = [];
    for (const entry of await this.deps.schedules.allSchedules()) {
      const poster = posters.get(entry.community.platform);
      // A replica that cannot post must not claim: its claims would hold slots for the takeover delay.
      if (!poster || poster.isConnected?.() === false) continue;
      for (const { slot: name, occurrence: occ } of recentSlots(entry.schedule, now)) {
        work.push(async () => {
          const slot = await this.deps.schedules.getSlot(entry.community, entry.schedule.channelId, name);
          if (occ && (!slot || slot.state === 'claimed') && now >= occ.postAt && now < occ.revealAt) {
            if (!(await this.post(entry, occ, poster))) return null;
            // A slot already claimed that this process could claim again was a dead process's.
            if (slot?.state === 'claimed') this.deps.metrics?.claimTakeover('post');
            this.deps.metrics?.dailyPosted(Math.max(0, this.deps.clock.now() - occ.postAt) / 1000);
            return 'posted';
          }
          if ((slot?.state === 'posted' || slot?.state === 'revealing') && now >= (slot.revealAt ?? Infinity)) {
            if (!(await this.reveal(entry, name, poster))) return null;
            if (slot.state === 'revealing') this.deps.metrics?.claimTakeover('reveal');
            this.deps.metrics?.dailyRevealed();
            return 'revealed';
          }
          return null;
        });
      }
    }
    const results = await runLimited(work, limit, (err) => this.deps.logger.error('daily post failed', { error: String(err) }));
    return { posted: results.filter((r) => r === 'posted').length, revealed: results.filter((r) => r === 'revealed').length };
  }

  private async post({ community, schedule }: ScheduledChannel, occ: Occurrence, poster: ChannelPoster): Promise<DailySlot | null> {
    const { schedules, clock, random } = this.deps;
    const now = clock.now();
    const token = random.id();
    const claim = { token, now, staleBefore: now - STALE_CLAIM_MS, ttlMs: SLOT_TTL_MS };
    if (!(await schedules.claimSlot(community, schedule.channelId, occ.slot, 'post', claim))) return null;
    return this.releasingOnFailure(poster, community, schedule.channelId, occ.slot, 'post', token, () => this.postClaimed({ community, schedule }, occ, poster, token, now));
  }

  /**
   * Runs a claimed phase. When it fails for a reason that is not the platform's answer (the
   * connection dropped, the store timed out), the claim is given back at once so another replica
   * can post now instead of after the takeover delay; a platform refusal keeps it, so a channel
   * that refuses is retried only after that delay.
   */
  private async releasingOnFailure<T>(poster: ChannelPoster, c: Community, channelId: string, slot: string, phase: SlotPhase, token: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (err) {
      if (!(poster.isPlatformAnswer?.(err) ?? true)) {
        await this.deps.schedules.releaseSlot(c, channelId, slot, phase, token).catch(() => false);
      }
      throw err;
    }
  }

  private async postClaimed({ community, schedule }: ScheduledChannel, occ: Occurrence, poster: ChannelPoster, token: string, now: number): Promise<DailySlot | null> {
    const { schedules, deliveries, random } = this.deps;
    const bank = await this.deps.banks.for(community);
    const candidates = bank.filter({ topic: schedule.topic, difficulty: schedule.difficulty as Difficulty | undefined });
    const used = await schedules.usedDailyQuestions(community, schedule.channelId);
    const fresh = candidates.filter((q) => !used.includes(q.id));
    const reset = fresh.length === 0;
    const question = selectQuestion(reset ? candidates : fresh, [], random);
    if (!question) throw new Error(`no questions match the daily filter of channel ${schedule.channelId}`);
    const delivery: Delivery = {
      id: random.id(),
      questionId: question.id,
      mode: schedule.mode,
      ownerId: null,
      order: shuffledOrder(4, random),
      createdAt: now,
      expiresAt: occ.revealAt + DELIVERY_GRACE_MS,
      revealAt: occ.revealAt,
      timeZone: schedule.timeZone,
      channelId: schedule.channelId,
    };
    await deliveries.saveDelivery(community, delivery);
    const ref = await poster.post(community, schedule.channelId, this.deps.render.card(present(delivery, question)));
    const recorded = await schedules.finishSlot(community, schedule.channelId, occ.slot, 'post', token, {
      deliveryId: delivery.id,
      messageId: ref.messageId,
      postedAt: now,
      revealAt: occ.revealAt,
    });
    if (!recorded) this.deps.logger.warn('daily claim was taken over while posting', { channel: schedule.channelId, slot: occ.slot });
    await schedules.markDailyQuestionUsed(community, schedule.channelId, question.id, reset);
    return schedules.getSlot(community, schedule.channelId, occ.slot);
  }

  private async reveal({ community, schedule }: ScheduledChannel, slotName: string, poster: ChannelPoster): Promise<boolean> {
    const { schedules, clock, random } = this.deps;
    const now = clock.now();
    const token = random.id();
    const claim = { token, now, staleBefore: now - STALE_CLAIM_MS, ttlMs: SLOT_TTL_MS };
    if (!(await schedules.claimSlot(community, schedule.channelId, slotName, 'reveal', claim))) return false;
    return this.releasingOnFailure(poster, community, schedule.channelId, slotName, 'reveal', token, () => this.revealClaimed({ community, schedule }, slotName, poster, token));
  }

  private async revealClaimed({ community, schedule }: ScheduledChannel, slotName: string, poster: ChannelPoster, token: string): Promise<boolean> {
    const { schedules, deliveries } = this.deps;
    const bank = await this.deps.banks.for(community);
    const slot = await schedules.getSlot(community, schedule.channelId, slotName);
    const delivery = slot?.deliveryId ? await deliveries.getDelivery(community, slot.deliveryId) : null;
    const question = delivery ? bank.get(delivery.questionId) : undefined;
    if (slot?.messageId && delivery && question) {
      const summary = await this.summarize(community, delivery.id);
      await poster.update(community, { channelId: schedule.channelId, messageId: slot.messageId }, this.deps.render.reveal(present(delivery, question), summary, (c) => poster.invocation(c)));
    }
    return schedules.finishSlot(community, schedule.channelId, slotName, 'reveal', token, {});
  }

  private async summarize(c: Community, deliveryId: string): Promise<RevealSummary> {
    const results = await this.deps.scores.getResults(c, deliveryId);
    const correct = results.filter((r) => r.correct);
    const names = await Promise.all(correct.slice(0, 3).map(async (r) => (await this.deps.scores.getDisplayName(c, r.userId)) ?? 'a member'));
    return { answered: results.length, correct: correct.length, firstCorrect: names };
  }
}

function present(delivery: Delivery, question: Question): PresentedQuiz {
  return { delivery, question, options: optionsInOrder(question, delivery) };
}

/** Runs tasks with at most `limit` in flight, so a fan-out to many channels never floods a platform. */
async function runLimited<T>(tasks: (() => Promise<T>)[], limit: number, onError: (err: unknown) => void): Promise<(T | null)[]> {
  const results = new Array<T | null>(tasks.length).fill(null);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      try {
        results[i] = await tasks[i]!();
      } catch (err) {
        onError(err);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

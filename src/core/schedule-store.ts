import type { DailySchedule, DailySlot, ScheduledChannel, SlotPhase } from './daily/schedule.js';
import type { Community } from './identity.js';

export interface SlotClaim {
  token: string;
  now: number;
  /** A claim left busy since before this belongs to a process that died; it is taken over. */
  staleBefore: number;
  ttlMs: number;
}

/** Schedules port: channels' daily schedules, and each (channel, local date) slot posted once. */
export interface ScheduleStore {
  saveSchedule(c: Community, schedule: DailySchedule): Promise<void>;
  getSchedule(c: Community, channelId: string): Promise<DailySchedule | null>;
  /** Returns false when there was no schedule. */
  deleteSchedule(c: Community, channelId: string): Promise<boolean>;
  /** Every schedule of every community, for the scheduler. */
  allSchedules(): Promise<ScheduledChannel[]>;
  /**
   * Claims a phase of a slot: 'post' (free → claimed) or 'reveal' (posted → revealing). True when
   * this caller now owns it, also when a claim older than `staleBefore` was never finished (its
   * process died) and is taken over. Atomic (core/answer-rules.ts maySlotBeClaimed).
   */
  claimSlot(c: Community, channelId: string, slot: string, phase: SlotPhase, claim: SlotClaim): Promise<boolean>;
  /** Finishes a phase this caller claimed; false when the claim was taken over meanwhile. */
  finishSlot(c: Community, channelId: string, slot: string, phase: SlotPhase, token: string, fields: Partial<Pick<DailySlot, 'deliveryId' | 'messageId' | 'postedAt' | 'revealAt'>>): Promise<boolean>;
  /**
   * Gives back a phase this caller claimed but could not finish for a reason that was not the
   * platform's answer (the connection dropped): the slot is claimable again at once instead of
   * after the takeover delay. False when the claim is no longer the caller's.
   */
  releaseSlot(c: Community, channelId: string, slot: string, phase: SlotPhase, token: string): Promise<boolean>;
  getSlot(c: Community, channelId: string, slot: string): Promise<DailySlot | null>;
  /** Questions already used in a channel's daily posts (so none repeats until all are used). */
  usedDailyQuestions(c: Community, channelId: string): Promise<string[]>;
  /** Adds a used question; `reset` clears the list first (every candidate was used). */
  markDailyQuestionUsed(c: Community, channelId: string, questionId: string, reset: boolean): Promise<void>;
}

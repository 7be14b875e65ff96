import type { Community } from '../identity.js';
import type { QuizMode } from '../quiz/delivery.js';

/** A channel's daily question schedule. Times are wall-clock times in `timeZone`. */
export interface DailySchedule {
  channelId: string;
  /** "HH:MM", 24-hour. */
  time: string;
  timeZone: string;
  /** ISO weekdays 1 (Monday) … 7 (Sunday) on which to post. */
  weekdays: number[];
  topic?: string | undefined;
  difficulty?: string | undefined;
  mode: QuizMode;
  revealAfterMinutes: number;
  createdBy: string;
  createdAt: number;
}

export interface ScheduledChannel {
  community: Community;
  schedule: DailySchedule;
}

/** One (channel, local date) slot: claimed by one process, then posted, then revealed. */
export interface DailySlot {
  state: 'claimed' | 'posted' | 'revealing' | 'revealed';
  token: string;
  claimedAt: number;
  deliveryId?: string | undefined;
  messageId?: string | undefined;
  postedAt?: number | undefined;
  revealAt?: number | undefined;
}

export type SlotPhase = 'post' | 'reveal';

/** The state a phase moves a slot through: claimed while posting, then posted; revealing, then revealed. */
export const SLOT_PHASES: Record<SlotPhase, { busy: DailySlot['state']; done: DailySlot['state'] }> = {
  post: { busy: 'claimed', done: 'posted' },
  reveal: { busy: 'revealing', done: 'revealed' },
};

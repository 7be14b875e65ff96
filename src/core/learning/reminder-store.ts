import type { Community } from '../identity.js';
import type { DueReminder, Reminder } from './reminder.js';

/**
 * Reminders port: each member's practice reminder (at most one per member and community), and the
 * scheduler's look-up of the reminders whose time has come, across communities.
 */
export interface ReminderStore {
  /** Sets (or replaces) the member's reminder. */
  saveReminder(c: Community, reminder: Reminder): Promise<void>;
  getReminder(c: Community, userId: string): Promise<Reminder | null>;
  /** False when there was none. */
  deleteReminder(c: Community, userId: string): Promise<boolean>;
  /** Reminders with `nextAt <= now`, earliest first, at most `limit`; for the scheduler. */
  dueReminders(now: number, limit: number): Promise<DueReminder[]>;
  /**
   * Moves a reminder's next time from `from` to `to` (compare-and-set): false when it was turned
   * off, replaced or already moved meanwhile, so a tick never brings back a reminder turned off.
   */
  advanceReminder(c: Community, userId: string, from: number, to: number): Promise<boolean>;
}

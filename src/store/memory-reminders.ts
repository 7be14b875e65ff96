import { communityKey, type Community } from '../core/identity.js';
import type { DueReminder, Reminder } from '../core/learning/reminder.js';
import type { ReminderStore } from '../core/learning/reminder-store.js';
import { indexMember } from './records.js';

/** MemoryStore's reminders, keyed as RedisStore's index members ("platform:id|userId"). */
export class MemoryReminders implements ReminderStore {
  private readonly reminders = new Map<string, DueReminder>();

  async saveReminder(c: Community, r: Reminder): Promise<void> {
    this.reminders.set(indexMember(communityKey(c), r.userId), { community: { ...c }, reminder: { ...r } });
  }

  async getReminder(c: Community, userId: string): Promise<Reminder | null> {
    const found = this.reminders.get(indexMember(communityKey(c), userId));
    return found ? { ...found.reminder } : null;
  }

  async deleteReminder(c: Community, userId: string): Promise<boolean> {
    return this.reminders.delete(indexMember(communityKey(c), userId));
  }

  async dueReminders(now: number, limit: number): Promise<DueReminder[]> {
    return [...this.reminders.values()]
      .filter((d) => d.reminder.nextAt <= now)
      .sort((a, b) => a.reminder.nextAt - b.reminder.nextAt)
      .slice(0, limit)
      .map((d) => ({ community: { ...d.community }, reminder: { ...d.reminder } }));
  }

  async advanceReminder(c: Community, userId: string, from: number, to: number): Promise<boolean> {
    const found = this.reminders.get(indexMember(communityKey(c), userId));
    if (found?.reminder.nextAt !== from) return false;
    found.reminder.nextAt = to;
    return true;
  }
}

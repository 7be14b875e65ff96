import { expect, it } from 'vitest';
import type { Reminder } from '../../src/core/learning/reminder.js';
import type { Store } from '../../src/core/store.js';
import { aCommunity } from '../support/builders.js';

/** Practice reminders (core/learning/reminder-store.ts), the same on every store. */
export function reminderContract(current: () => Store): void {
  const community = aCommunity('g-remind');
  const other = aCommunity('T0REMIND', 'slack');
  const base = 1_800_000_000_000;
  const reminder = (userId: string, nextAt: number, over: Partial<Reminder> = {}): Reminder => ({ userId, time: '08:30', timeZone: 'Europe/Berlin', nextAt, createdAt: base, ...over });

  it('reminders: one per member and community; replaced, read back and deleted', async () => {
    const store = current();
    await store.saveReminder(community, reminder('ann', base + 10));
    await store.saveReminder(community, reminder('ann', base + 20, { time: '19:05', timeZone: 'UTC' }));
    expect(await store.getReminder(community, 'ann')).toEqual(reminder('ann', base + 20, { time: '19:05', timeZone: 'UTC' }));
    expect(await store.getReminder(other, 'ann')).toBeNull();
    expect(await store.deleteReminder(other, 'ann')).toBe(false);
    expect(await store.deleteReminder(community, 'ann')).toBe(true);
    expect(await store.deleteReminder(community, 'ann')).toBe(false);
    expect(await store.getReminder(community, 'ann')).toBeNull();
  });

  it('reminders: the due ones across communities, earliest first, within the limit', async () => {
    const store = current();
    await store.saveReminder(community, reminder('late', base + 300));
    await store.saveReminder(other, reminder('U1', base + 100));
    await store.saveReminder(community, reminder('ann', base + 200));
    await store.saveReminder(community, reminder('future', base + 10_000));
    const due = await store.dueReminders(base + 1000, 10);
    expect(due.map((d) => [d.community, d.reminder.userId])).toEqual([[other, 'U1'], [community, 'ann'], [community, 'late']]);
    expect(due[1]!.reminder).toEqual(reminder('ann', base + 200));
    expect((await store.dueReminders(base + 1000, 2)).map((d) => d.reminder.userId)).toEqual(['U1', 'ann']);
    await store.deleteReminder(community, 'ann');
    expect((await store.dueReminders(base + 1000, 10)).map((d) => d.reminder.userId)).toEqual(['U1', 'late']);
  });

  it('reminders: advancing is a compare-and-set that never brings back one turned off or replaced', async () => {
    const store = current();
    await store.saveReminder(community, reminder('ann', base + 100));
    const raced = await Promise.all([store.advanceReminder(community, 'ann', base + 100, base + 5000), store.advanceReminder(community, 'ann', base + 100, base + 5000)]);
    expect(raced.filter(Boolean)).toHaveLength(1);
    expect((await store.getReminder(community, 'ann'))?.nextAt).toBe(base + 5000);
    expect(await store.dueReminders(base + 1000, 10)).toEqual([]);
    expect((await store.dueReminders(base + 5000, 10)).map((d) => d.reminder.userId)).toEqual(['ann']);
    // Turned off meanwhile: the advance fails and nothing comes back.
    await store.deleteReminder(community, 'ann');
    expect(await store.advanceReminder(community, 'ann', base + 5000, base + 9000)).toBe(false);
    expect(await store.getReminder(community, 'ann')).toBeNull();
    expect(await store.dueReminders(base + 20_000, 10)).toEqual([]);
    // Replaced meanwhile (a new time): the old advance fails and the new time stands.
    await store.saveReminder(community, reminder('ann', base + 7000));
    expect(await store.advanceReminder(community, 'ann', base + 5000, base + 9000)).toBe(false);
    expect((await store.getReminder(community, 'ann'))?.nextAt).toBe(base + 7000);
  });
}

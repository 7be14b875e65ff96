import type { Cluster, Redis } from 'ioredis';
import { communityKey, type Community } from '../core/identity.js';
import type { DueReminder, Reminder } from '../core/learning/reminder.js';
import type { ReminderStore } from '../core/learning/reminder-store.js';
import { communityKeys, reminderIndexKey } from './keys.js';
import type { ScriptCommands } from './lua-scripts.js';
import { indexMember, parseIndexMember } from './records.js';

/**
 * RedisStore's practice reminders: a hash per member under the community's hash tag, and one
 * global index (a sorted set by next time, always used on its own, so fine on a cluster) for the
 * scheduler. The hash is the truth; the index is repaired from it when they disagree.
 */
export class RedisReminders implements ReminderStore {
  constructor(
    private readonly redis: (Redis | Cluster) & ScriptCommands,
    private readonly prefix: string,
  ) {}

  private key(c: Community, userId: string): string {
    return communityKeys(this.prefix, c).reminder(userId);
  }

  async saveReminder(c: Community, r: Reminder): Promise<void> {
    await this.redis.hset(this.key(c, r.userId), { userId: r.userId, time: r.time, timeZone: r.timeZone, nextAt: String(r.nextAt), createdAt: String(r.createdAt) });
    await this.redis.zadd(reminderIndexKey(this.prefix), r.nextAt, indexMember(communityKey(c), r.userId));
  }

  async getReminder(c: Community, userId: string): Promise<Reminder | null> {
    return parseReminder(await this.redis.hgetall(this.key(c, userId)));
  }

  async deleteReminder(c: Community, userId: string): Promise<boolean> {
    const removed = await this.redis.del(this.key(c, userId));
    await this.redis.zrem(reminderIndexKey(this.prefix), indexMember(communityKey(c), userId));
    return removed === 1;
  }

  async dueReminders(now: number, limit: number): Promise<DueReminder[]> {
    const index = reminderIndexKey(this.prefix);
    const members = await this.redis.zrangebyscore(index, '-inf', now, 'LIMIT', 0, limit);
    const out: DueReminder[] = [];
    for (const m of members) {
      const parsed = parseIndexMember(m);
      const reminder = parsed && (await this.getReminder(parsed.community, parsed.channelId));
      // The hash is the truth: an index entry without one, or with an older time, is repaired.
      if (!parsed || !reminder) await this.redis.zrem(index, m);
      else if (reminder.nextAt > now) await this.redis.zadd(index, reminder.nextAt, m);
      else out.push({ community: parsed.community, reminder });
    }
    return out;
  }

  async advanceReminder(c: Community, userId: string, from: number, to: number): Promise<boolean> {
    if ((await this.redis.advanceReminder(this.key(c, userId), String(from), String(to))) !== 1) return false;
    await this.redis.zadd(reminderIndexKey(this.prefix), to, indexMember(communityKey(c), userId));
    return true;
  }
}

function parseReminder(h: Record<string, string>): Reminder | null {
  if (!h.userId || !h.time || !h.timeZone || !h.nextAt) return null;
  return { userId: h.userId, time: h.time, timeZone: h.timeZone, nextAt: Number(h.nextAt), createdAt: Number(h.createdAt ?? 0) };
}

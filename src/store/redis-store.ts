import { Redis, Cluster } from 'ioredis';
import { communityKey, type Community, type CommunitySettings, type UserRef } from '../core/identity.js';
import type { AnswerInput, AnswerOutcome, AnswerResultRecord, StreakRecord, UserStatsRecord } from '../core/answer-rules.js';
import { SLOT_PHASES, type DailySchedule, type DailySlot, type ScheduledChannel, type SlotPhase } from '../core/daily/schedule.js';
import type { BoardRef, LeaderboardEntry, LeaderboardPage } from '../core/leaderboard.js';
import type { Delivery } from '../core/quiz/delivery.js';
import type { Store } from '../core/store.js';
import type { JoinTeamOutcome, TeamInfo } from '../core/team.js';
import { AppError } from '../core/errors.js';
import type { GradingLimits, GradingUsageStore, SlotVerdict, TokenUsage } from '../core/grading/grading-usage.js';
import { communityKeys, scheduleIndexKey } from './keys.js';
import type { DueReminder, Reminder } from '../core/learning/reminder.js';
import { defineScripts, type ScriptCommands } from './lua-scripts.js';
import { RedisCards } from './redis-cards.js';
import { FOLD_AT, PendingAnswers, queuedAnswer } from './redis-pending.js';
import type { CardRecord, ReviewTally, TopicProgress } from '../core/learning/card.js';
import { activityCounts, definedFields, parseRecordReply, indexMember, parseIndexMember, parseResult, parseSlot, parseStats, parseUsage } from './records.js';
import { RedisPacks } from './redis-packs.js';
import { RedisReminders } from './redis-reminders.js';
import type { OpenReports, PackSummary, ReportInput, ReportOutcome, SavePackOutcome, StoredPack } from '../core/packs/pack.js';

export interface RedisStoreConfig {
  /** redis://, rediss:// URL, or an already built client (Cluster / Sentinel). */
  client: Redis | Cluster;
  /** Prepended to every key, so several deployments or tests can share one server. */
  prefix: string;
}

type Client = (Redis | Cluster) & ScriptCommands;

/** Commands fail fast while Redis is down (two retries), so handlers can answer "try again" in time. */
export function createRedisClient(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: 2 });
}

/** Redis Cluster: every community's keys share one hash tag, so each script runs on one node. */
export function createRedisCluster(nodes: { host: string; port: number }[]): Cluster {
  return new Cluster(nodes, { redisOptions: { maxRetriesPerRequest: 2 } });
}

/** The shared store: every multi-key update is one Lua script, every key of a community one hash tag. */
export class RedisStore implements Store, GradingUsageStore {
  private readonly redis: Client;
  private readonly prefix: string;
  private readonly pending: PendingAnswers;
  private readonly cards: RedisCards;
  private readonly packs: RedisPacks;
  private readonly reminders: RedisReminders;

  constructor(config: RedisStoreConfig) {
    this.redis = config.client as Client;
    this.prefix = config.prefix;
    defineScripts(this.redis);
    this.pending = new PendingAnswers(this.redis, this.prefix);
    this.cards = new RedisCards(this.redis, this.prefix, this.pending);
    this.packs = new RedisPacks(this.redis, this.prefix);
    this.reminders = new RedisReminders(this.redis, this.prefix);
  }

  private k(c: Community) {
    return communityKeys(this.prefix, c);
  }

  async saveDelivery(c: Community, d: Delivery): Promise<void> {
    await this.redis.set(this.k(c).delivery(d.id), JSON.stringify(d), 'PX', Math.max(1, d.expiresAt - d.createdAt));
  }

  async getDelivery(c: Community, id: string): Promise<Delivery | null> {
    const raw = await this.redis.get(this.k(c).delivery(id));
    return raw === null ? null : (JSON.parse(raw) as Delivery);
  }

  async hasAnswered(c: Community, deliveryId: string, userId: string): Promise<boolean> {
    return (await this.redis.sismember(this.k(c).answered(deliveryId), userId)) === 1;
  }

  async markHint(c: Community, deliveryId: string, userId: string, ttlMs: number): Promise<boolean> {
    const key = this.k(c).hints(deliveryId);
    const [[, added]] = (await this.redis.multi().sadd(key, userId).pexpire(key, ttlMs).exec()) as [[unknown, number]];
    return added === 1;
  }

  async recordAnswer(a: AnswerInput): Promise<AnswerOutcome> {
    const k = this.k(a.user.community);
    const u = a.user.userId;
    // One key, the community's base: the script names the rest (lua/record-answer-1.lua).
    const reply = (await this.redis.recordAnswer(
      k.base,
      a.deliveryId,
      u,
      a.questionId,
      a.week,
      a.month,
      a.user.displayName,
      a.correct ? 1 : 0,
      a.basePoints,
      a.day,
      a.scoreWindowMs,
      a.now,
      a.weekExpiresAt,
      a.monthExpiresAt,
      a.deliveryTtlMs,
      a.submission ?? '',
      a.expectedZone ?? '*',
      queuedAnswer(a),
    )) as (number | string)[];
    // Stats, heat map and review were queued (redis-pending.ts); a long queue is folded now, off the click.
    if (Number(reply[7]) >= FOLD_AT) this.pending.settle(a.user).catch(() => undefined); // left queued: the next read folds it
    return parseRecordReply(reply);
  }

  async getResults(c: Community, deliveryId: string): Promise<AnswerResultRecord[]> {
    const rows = await this.redis.lrange(this.k(c).results(deliveryId), 0, -1);
    return rows.map(parseResult);
  }

  async pushRecent(user: UserRef, questionId: string, keep: number): Promise<void> {
    const key = this.k(user.community).recent(user.userId);
    await this.redis.multi().lrem(key, 0, questionId).lpush(key, questionId).ltrim(key, 0, keep - 1).exec();
  }

  async getRecent(user: UserRef): Promise<string[]> {
    return this.redis.lrange(this.k(user.community).recent(user.userId), 0, -1);
  }

  async getStats(user: UserRef): Promise<UserStatsRecord> {
    await this.pending.settle(user);
    return parseStats(await this.redis.hgetall(this.k(user.community).stats(user.userId)));
  }

  async getStreak(user: UserRef): Promise<StreakRecord> {
    const [last, current, best] = await this.redis.hmget(this.k(user.community).streak(user.userId), 'last', 'current', 'best');
    return { lastDay: Number(last ?? -1), current: Number(current ?? 0), best: Number(best ?? 0) };
  }

  async getLeaderboard(c: Community, board: BoardRef, offset: number, limit: number, memberId: string): Promise<LeaderboardPage> {
    const k = this.k(c);
    const names = board.scope === 'users' ? k.names() : k.teams();
    const reply = (await this.redis.leaderboard(k.board(board), names, offset, limit, memberId)) as (string | number)[];
    const total = Number(reply[0]);
    const entries: LeaderboardEntry[] = [];
    let i = 1;
    for (; i + 2 < reply.length && entries.length < limit && typeof reply[i] === 'string'; i += 3) {
      entries.push({ id: String(reply[i]), name: String(reply[i + 1]), score: Number(reply[i + 2]), rank: offset + entries.length + 1 });
    }
    const rank = Number(reply[i]);
    const member = rank < 0 ? null : { id: memberId, rank: rank + 1, score: Number(reply[i + 1]), name: String(reply[i + 2]) };
    return { total, entries, member };
  }

  async joinTeam(user: UserRef, teamKey: string, teamName: string): Promise<JoinTeamOutcome> {
    const k = this.k(user.community);
    const [status, key, name, members, created] = (await this.redis.joinTeam(
      k.teamOf(),
      k.teams(),
      k.teamSizes(),
      k.names(),
      k.streak(user.userId),
      user.userId,
      teamKey,
      teamName,
      user.displayName,
    )) as [JoinTeamOutcome['status'], string, string, number, number];
    const team: TeamInfo = { key, name, members: Number(members) };
    return status === 'joined' ? { status, created: created === 1, team } : { status, team };
  }

  async leaveTeam(user: UserRef): Promise<TeamInfo | null> {
    const k = this.k(user.community);
    const reply = (await this.redis.leaveTeam(k.teamOf(), k.teams(), k.teamSizes(), k.streak(user.userId), user.userId)) as [string, string, number] | [];
    return reply.length === 0 ? null : { key: reply[0], name: reply[1], members: Number(reply[2]) };
  }

  async getUserTeam(user: UserRef): Promise<TeamInfo | null> {
    const k = this.k(user.community);
    const key = await this.redis.hget(k.teamOf(), user.userId);
    if (key === null) return null;
    const [name, size] = await Promise.all([this.redis.hget(k.teams(), key), this.redis.hget(k.teamSizes(), key)]);
    return { key, name: name ?? key, members: Number(size ?? 0) };
  }

  async listTeams(c: Community): Promise<TeamInfo[]> {
    const k = this.k(c);
    const [[, sizes], [, names]] = (await this.redis.multi().hgetall(k.teamSizes()).hgetall(k.teams()).exec()) as [
      [unknown, Record<string, string>],
      [unknown, Record<string, string>],
    ];
    return Object.entries(sizes)
      .map(([key, n]) => ({ key, name: names[key] ?? key, members: Number(n) }))
      .filter((t) => t.members > 0);
  }

  async teamMembers(c: Community, teamKey: string): Promise<{ id: string; name: string }[]> {
    const k = this.k(c);
    const [[, teamOf], [, names]] = (await this.redis.multi().hgetall(k.teamOf()).hgetall(k.names()).exec()) as [
      [unknown, Record<string, string>],
      [unknown, Record<string, string>],
    ];
    return Object.entries(teamOf)
      .filter(([, t]) => t === teamKey)
      .map(([id]) => ({ id, name: names[id] ?? id }));
  }

  async getDisplayName(c: Community, userId: string): Promise<string | null> {
    return this.redis.hget(this.k(c).names(), userId);
  }

  async getSettings(c: Community): Promise<CommunitySettings> {
    const h = await this.redis.hgetall(this.k(c).settings());
    return { timeZone: h['timeZone'] };
  }

  async updateSettings(c: Community, patch: CommunitySettings, onlyIfUnset = false): Promise<CommunitySettings> {
    const key = this.k(c).settings();
    for (const [field, value] of Object.entries(patch)) {
      if (value === undefined) continue;
      if (onlyIfUnset) await this.redis.hsetnx(key, field, String(value));
      else await this.redis.hset(key, field, String(value));
    }
    return this.getSettings(c);
  }

  async saveSchedule(c: Community, schedule: DailySchedule): Promise<void> {
    await this.redis.hset(this.k(c).schedules(), schedule.channelId, JSON.stringify(schedule));
    await this.redis.sadd(scheduleIndexKey(this.prefix), indexMember(communityKey(c), schedule.channelId));
  }

  async getSchedule(c: Community, channelId: string): Promise<DailySchedule | null> {
    const raw = await this.redis.hget(this.k(c).schedules(), channelId);
    return raw === null ? null : (JSON.parse(raw) as DailySchedule);
  }

  async deleteSchedule(c: Community, channelId: string): Promise<boolean> {
    const removed = await this.redis.hdel(this.k(c).schedules(), channelId);
    await this.redis.srem(scheduleIndexKey(this.prefix), indexMember(communityKey(c), channelId));
    return removed === 1;
  }

  async allSchedules(): Promise<ScheduledChannel[]> {
    const members = await this.redis.smembers(scheduleIndexKey(this.prefix));
    const out: ScheduledChannel[] = [];
    for (const m of members) {
      const parsed = parseIndexMember(m);
      const schedule = parsed && (await this.getSchedule(parsed.community, parsed.channelId));
      if (parsed && schedule) out.push({ community: parsed.community, schedule });
    }
    return out;
  }

  async claimSlot(c: Community, channelId: string, slot: string, phase: SlotPhase, claim: { token: string; now: number; staleBefore: number; ttlMs: number }): Promise<boolean> {
    const reply = await this.redis.claimSlot(this.k(c).slot(channelId, slot), claim.token, claim.now, claim.staleBefore, claim.ttlMs, phase);
    return reply === 1;
  }

  async finishSlot(c: Community, channelId: string, slot: string, phase: SlotPhase, token: string, fields: Partial<DailySlot>): Promise<boolean> {
    const { busy, done } = SLOT_PHASES[phase];
    const reply = await this.redis.finishSlot(this.k(c).slot(channelId, slot), token, busy, done, ...definedFields(fields));
    return reply === 1;
  }

  /** finish-slot-1.lua with the busy state kept and the claim's time zeroed: stale, so free to take. */
  async releaseSlot(c: Community, channelId: string, slot: string, phase: SlotPhase, token: string): Promise<boolean> {
    const { busy } = SLOT_PHASES[phase];
    return (await this.redis.finishSlot(this.k(c).slot(channelId, slot), token, busy, busy, 'claimedAt', '0')) === 1;
  }

  async getSlot(c: Community, channelId: string, slot: string): Promise<DailySlot | null> {
    return parseSlot(await this.redis.hgetall(this.k(c).slot(channelId, slot)));
  }

  async usedDailyQuestions(c: Community, channelId: string): Promise<string[]> {
    return this.redis.smembers(this.k(c).usedDaily(channelId));
  }

  async markDailyQuestionUsed(c: Community, channelId: string, questionId: string, reset: boolean): Promise<void> {
    const key = this.k(c).usedDaily(channelId);
    const tx = this.redis.multi();
    if (reset) tx.del(key);
    await tx.sadd(key, questionId).exec();
  }

  async getSession(c: Community, key: string): Promise<string | null> {
    return this.redis.get(this.k(c).session(key));
  }

  async setSession(c: Community, key: string, value: string, ttlMs: number): Promise<void> {
    await this.redis.set(this.k(c).session(key), value, 'PX', Math.max(1, Math.round(ttlMs)));
  }

  async deleteSession(c: Community, key: string): Promise<boolean> {
    return (await this.redis.del(this.k(c).session(key))) === 1;
  }

  // Practice reminders (redis-reminders.ts: a hash per member, one index for the scheduler).
  saveReminder(c: Community, r: Reminder): Promise<void> { return this.reminders.saveReminder(c, r); }
  getReminder(c: Community, userId: string): Promise<Reminder | null> { return this.reminders.getReminder(c, userId); }
  deleteReminder(c: Community, userId: string): Promise<boolean> { return this.reminders.deleteReminder(c, userId); }
  dueReminders(now: number, limit: number): Promise<DueReminder[]> { return this.reminders.dueReminders(now, limit); }
  advanceReminder(c: Community, userId: string, from: number, to: number): Promise<boolean> { return this.reminders.advanceReminder(c, userId, from, to); }

  // AI grading usage (core/grading/grading-usage.ts): the caps are one script, under the community's tag.
  async takeGradingSlot(user: UserRef, day: string, limits: GradingLimits, ttlMs: number): Promise<SlotVerdict> {
    const k = this.k(user.community);
    return (await this.redis.takeGradingSlot(k.aiMemberCount(day, user.userId), k.aiCommunityCount(day), limits.member, limits.community, ttlMs)) as SlotVerdict;
  }

  async getCachedGrade(c: Community, key: string): Promise<string | null> {
    return this.redis.get(this.k(c).aiCache(key));
  }

  async putCachedGrade(c: Community, key: string, value: string, ttlMs: number): Promise<void> {
    await this.redis.set(this.k(c).aiCache(key), value, 'PX', ttlMs);
  }

  async addTokenUsage(c: Community, day: string, u: TokenUsage, ttlMs: number): Promise<void> {
    const key = this.k(c).aiTokens(day);
    await this.redis.multi().hincrby(key, 'calls', u.calls).hincrby(key, 'promptTokens', u.promptTokens).hincrby(key, 'completionTokens', u.completionTokens).pexpire(key, ttlMs).exec();
  }

  async getTokenUsage(c: Community, day: string): Promise<TokenUsage> {
    return parseUsage(await this.redis.hgetall(this.k(c).aiTokens(day)));
  }

  // Cards (CardStore): redis-cards.ts, lua/save-card-3.lua.
  getCard(user: UserRef, questionId: string): Promise<CardRecord | null> { return this.cards.getCard(user, questionId); }
  saveCard(user: UserRef, card: CardRecord, expectedReps: number, tally?: { recalled: boolean }): Promise<boolean> { return this.cards.saveCard(user, card, expectedReps, tally); }
  dueCards(user: UserRef, until: number, limit: number): Promise<CardRecord[]> { return this.cards.dueCards(user, until, limit); }
  countDue(user: UserRef, until: number): Promise<number> { return this.cards.countDue(user, until); }
  cardIds(user: UserRef): Promise<string[]> { return this.cards.cardIds(user); }
  topicProgress(user: UserRef, since: number): Promise<Record<string, TopicProgress>> { return this.cards.topicProgress(user, since); }
  reviewTally(user: UserRef): Promise<ReviewTally> { return this.cards.reviewTally(user); }

  // Answers per day (core/activity-store.ts): one hash per member, counted by the fold (redis-pending.ts).
  async getActivity(user: UserRef, fromDay: number, toDay: number): Promise<Map<number, number>> {
    await this.pending.settle(user);
    return activityCounts(await this.redis.hgetall(this.k(user.community).activity(user.userId)), fromDay, toDay);
  }

  /**
   * A write, not a PING: a Redis out of memory (maxmemory, noeviction) still answers PING but
   * refuses every answer. The message names the cause in our words; the driver's is the `cause`.
   */
  async ping(): Promise<void> {
    try {
      await this.redis.set(`${this.prefix}readyz-probe`, '1', 'PX', 10_000);
    } catch (cause) {
      const oom = /^OOM\b/.test((cause as Error).message);
      throw new AppError('STORE_UNAVAILABLE', oom ? 'Redis refuses writes (out of memory)' : 'Redis did not answer', { cause });
    }
  }

  async close(): Promise<void> {
    await this.pending.idle(); // a background fold finishes first, or its queue stays for the next reader
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  // Packs and reports (redis-packs.ts, lua/save-pack-3.lua, lua/add-report-4.lua).
  savePack(c: Community, pack: StoredPack, maxPacks: number): Promise<SavePackOutcome> { return this.packs.savePack(c, pack, maxPacks); }
  listPacks(c: Community): Promise<PackSummary[]> { return this.packs.listPacks(c); }
  getPack(c: Community, name: string): Promise<StoredPack | null> { return this.packs.getPack(c, name); }
  setPackEnabled(c: Community, name: string, enabled: boolean): Promise<boolean> { return this.packs.setPackEnabled(c, name, enabled); }
  removePack(c: Community, name: string): Promise<boolean> { return this.packs.removePack(c, name); }
  addReport(c: Community, input: ReportInput): Promise<ReportOutcome> { return this.packs.addReport(c, input); }
  openReports(c: Community): Promise<OpenReports[]> { return this.packs.openReports(c); }
  resolveReports(c: Community, questionId: string): Promise<boolean> { return this.packs.resolveReports(c, questionId); }
  pausedQuestions(c: Community): Promise<string[]> { return this.packs.pausedQuestions(c); }
}

import { join } from 'node:path';
import { communityKey, type Community, type UserRef } from '../core/identity.js';
import type { Clock, Logger } from '../core/ports.js';
import type {
  AnswerInput,
  AnswerOutcome,
  AnswerResultRecord,
  BoardRef,
  CommunitySettings,
  DailySchedule,
  DailySlot,
  Delivery,
  ScheduledChannel,
  SlotPhase,
  JoinTeamOutcome,
  LeaderboardPage,
  Store,
  StreakRecord,
  TeamInfo,
  UserStatsRecord,
} from '../core/store.js';
import { SLOT_PHASES } from '../core/store.js';
import { communityKeys, scheduleIndexKey } from './keys.js';
import { isKeyspaceSnapshot, MemoryKeyspace, type KeyspaceSnapshot } from './memory-keyspace.js';
import { definedFields, indexMember, parseIndexMember, parseResult, parseSlot, parseStats } from './records.js';
import { SnapshotFile } from './snapshot-file.js';

export interface MemoryStoreConfig {
  clock: Clock;
  /** Folder for the data file; without it nothing is persisted (tests). */
  dataDir?: string | undefined;
  logger?: Logger | undefined;
}

/**
 * The embedded store for one process. It follows the Lua scripts of RedisStore step by step over
 * an in-memory keyspace; JavaScript's single thread makes each method atomic, and every change is
 * on disk before the method resolves.
 */
export class MemoryStore implements Store {
  private readonly ks: MemoryKeyspace;
  private readonly file: SnapshotFile<KeyspaceSnapshot> | null;

  private constructor(config: MemoryStoreConfig) {
    this.ks = new MemoryKeyspace(() => config.clock.now());
    this.file = config.dataDir ? new SnapshotFile(join(config.dataDir, 'backprop-store.json'), isKeyspaceSnapshot) : null;
  }

  /** Loads the data file if there is one; refuses (throws) on a corrupt file and leaves it alone. */
  static async open(config: MemoryStoreConfig): Promise<MemoryStore> {
    const store = new MemoryStore(config);
    const snapshot = await store.file?.load();
    if (snapshot) store.ks.restore(snapshot);
    config.logger?.info(
      store.file
        ? `Embedded store at ${store.file.path}: it serves this one process only; set REDIS_URL to run several.`
        : 'Embedded store in memory only (no data directory): nothing survives a restart.',
    );
    return store;
  }

  private k(c: Community) {
    return communityKeys('', c);
  }

  private persist(): Promise<void> {
    return this.file ? this.file.save(() => this.ks.snapshot()) : Promise.resolve();
  }

  async saveDelivery(c: Community, d: Delivery): Promise<void> {
    this.ks.set(this.k(c).delivery(d.id), JSON.stringify(d), Math.max(1, d.expiresAt - d.createdAt));
    await this.persist();
  }

  async getDelivery(c: Community, id: string): Promise<Delivery | null> {
    const raw = this.ks.get(this.k(c).delivery(id));
    return raw === null ? null : (JSON.parse(raw) as Delivery);
  }

  async hasAnswered(c: Community, deliveryId: string, userId: string): Promise<boolean> {
    return this.ks.sismember(this.k(c).answered(deliveryId), userId);
  }

  async markHint(c: Community, deliveryId: string, userId: string, ttlMs: number): Promise<boolean> {
    const key = this.k(c).hints(deliveryId);
    const added = this.ks.sadd(key, userId);
    this.ks.pexpire(key, ttlMs);
    await this.persist();
    return added;
  }

  /** Mirrors lua/record-answer-14.lua. */
  async recordAnswer(a: AnswerInput): Promise<AnswerOutcome> {
    const k = this.k(a.user.community);
    const ks = this.ks;
    const u = a.user.userId;
    if (!ks.sadd(k.answered(a.deliveryId), u)) return { status: 'duplicate' };
    ks.pexpire(k.answered(a.deliveryId), a.deliveryTtlMs);

    let points = a.basePoints;
    const hintUsed = ks.sismember(k.hints(a.deliveryId), u);
    if (hintUsed) points = Math.floor(points / 2);
    const scored = ks.setNx(k.scored(u, a.questionId), '1', a.scoreWindowMs);
    if (!scored) points = 0;

    const stats = k.stats(u);
    ks.hincrby(stats, 'answered', 1);
    ks.hincrby(stats, `a:${a.topic}`, 1);
    if (a.correct) {
      ks.hincrby(stats, 'correct', 1);
      ks.hincrby(stats, `c:${a.topic}`, 1);
    }
    ks.hincrby(stats, 'points', points);

    const streakKey = k.streak(u);
    let last = Number(ks.hget(streakKey, 'last') ?? -1);
    let current = Number(ks.hget(streakKey, 'current') ?? 0);
    let best = Number(ks.hget(streakKey, 'best') ?? 0);
    if (a.day === last + 1) current += 1;
    else if (a.day > last + 1) current = 1;
    if (a.day > last) last = a.day;
    best = Math.max(best, current);
    ks.hset(streakKey, 'last', String(last));
    ks.hset(streakKey, 'current', String(current));
    ks.hset(streakKey, 'best', String(best));

    const bump = (scope: 'users' | 'teams', member: string) => {
      ks.zincrby(k.board({ scope, key: 'all' }), points, member);
      ks.zincrby(k.board({ scope, key: a.week }), points, member);
      ks.pexpireAt(k.board({ scope, key: a.week }), a.weekExpiresAt);
      ks.zincrby(k.board({ scope, key: a.month }), points, member);
      ks.pexpireAt(k.board({ scope, key: a.month }), a.monthExpiresAt);
    };
    bump('users', u);
    const team = ks.hget(k.teamOf(), u);
    if (team !== null) bump('teams', team);

    ks.hset(k.names(), u, a.user.displayName);
    ks.rpush(k.results(a.deliveryId), `${u}|${a.correct ? 1 : 0}|${a.now}`);
    ks.pexpire(k.results(a.deliveryId), a.deliveryTtlMs);
    await this.persist();
    return { status: 'recorded', points, hintUsed, scored, streak: { current, best, lastDay: last } };
  }

  async getResults(c: Community, deliveryId: string): Promise<AnswerResultRecord[]> {
    return this.ks.lrange(this.k(c).results(deliveryId)).map(parseResult);
  }

  async pushRecent(user: UserRef, questionId: string, keep: number): Promise<void> {
    const key = this.k(user.community).recent(user.userId);
    this.ks.lrem(key, questionId);
    this.ks.lpush(key, questionId);
    this.ks.ltrim(key, keep);
    await this.persist();
  }

  async getRecent(user: UserRef): Promise<string[]> {
    return this.ks.lrange(this.k(user.community).recent(user.userId));
  }

  async getStats(user: UserRef): Promise<UserStatsRecord> {
    return parseStats(this.ks.hgetall(this.k(user.community).stats(user.userId)));
  }

  async getStreak(user: UserRef): Promise<StreakRecord> {
    const h = this.ks.hgetall(this.k(user.community).streak(user.userId));
    return { lastDay: Number(h['last'] ?? -1), current: Number(h['current'] ?? 0), best: Number(h['best'] ?? 0) };
  }

  async getLeaderboard(c: Community, board: BoardRef, offset: number, limit: number, memberId: string): Promise<LeaderboardPage> {
    const k = this.k(c);
    const names = this.ks.hgetall(board.scope === 'users' ? k.names() : k.teams());
    const all = this.ks.zrevrange(k.board(board)).map(([id, score], i) => ({ id, name: names[id] ?? id, score, rank: i + 1 }));
    return { total: all.length, entries: all.slice(offset, offset + limit), member: all.find((e) => e.id === memberId) ?? null };
  }

  /** Mirrors lua/join-team-4.lua. */
  async joinTeam(user: UserRef, teamKey: string, teamName: string): Promise<JoinTeamOutcome> {
    const k = this.k(user.community);
    const current = this.ks.hget(k.teamOf(), user.userId);
    if (current !== null) {
      const team = { key: current, name: this.ks.hget(k.teams(), current) ?? current, members: Number(this.ks.hget(k.teamSizes(), current) ?? 0) };
      return { status: current === teamKey ? 'already-member' : 'in-other-team', team };
    }
    let created = false;
    if (this.ks.hsetnx(k.teams(), teamKey, teamName) || Number(this.ks.hget(k.teamSizes(), teamKey) ?? 0) === 0) {
      this.ks.hset(k.teams(), teamKey, teamName);
      created = true;
    }
    this.ks.hset(k.teamOf(), user.userId, teamKey);
    const members = this.ks.hincrby(k.teamSizes(), teamKey, 1);
    this.ks.hset(k.names(), user.userId, user.displayName);
    await this.persist();
    return { status: 'joined', created, team: { key: teamKey, name: this.ks.hget(k.teams(), teamKey) ?? teamName, members } };
  }

  /** Mirrors lua/leave-team-3.lua. */
  async leaveTeam(user: UserRef): Promise<TeamInfo | null> {
    const k = this.k(user.community);
    const current = this.ks.hget(k.teamOf(), user.userId);
    if (current === null) return null;
    this.ks.hdel(k.teamOf(), user.userId);
    let left = this.ks.hincrby(k.teamSizes(), current, -1);
    if (left <= 0) {
      this.ks.hdel(k.teamSizes(), current);
      left = 0;
    }
    await this.persist();
    return { key: current, name: this.ks.hget(k.teams(), current) ?? current, members: left };
  }

  async getUserTeam(user: UserRef): Promise<TeamInfo | null> {
    const k = this.k(user.community);
    const key = this.ks.hget(k.teamOf(), user.userId);
    if (key === null) return null;
    return { key, name: this.ks.hget(k.teams(), key) ?? key, members: Number(this.ks.hget(k.teamSizes(), key) ?? 0) };
  }

  async listTeams(c: Community): Promise<TeamInfo[]> {
    const k = this.k(c);
    const names = this.ks.hgetall(k.teams());
    return Object.entries(this.ks.hgetall(k.teamSizes()))
      .map(([key, n]) => ({ key, name: names[key] ?? key, members: Number(n) }))
      .filter((t) => t.members > 0);
  }

  async teamMembers(c: Community, teamKey: string): Promise<{ id: string; name: string }[]> {
    const k = this.k(c);
    const names = this.ks.hgetall(k.names());
    return Object.entries(this.ks.hgetall(k.teamOf()))
      .filter(([, t]) => t === teamKey)
      .map(([id]) => ({ id, name: names[id] ?? id }));
  }

  async getDisplayName(c: Community, userId: string): Promise<string | null> {
    return this.ks.hget(this.k(c).names(), userId);
  }

  async getSettings(c: Community): Promise<CommunitySettings> {
    return { timeZone: this.ks.hget(this.k(c).settings(), 'timeZone') ?? undefined };
  }

  async updateSettings(c: Community, patch: CommunitySettings, onlyIfUnset = false): Promise<CommunitySettings> {
    const key = this.k(c).settings();
    for (const [field, value] of Object.entries(patch)) {
      if (value === undefined) continue;
      if (onlyIfUnset) this.ks.hsetnx(key, field, String(value));
      else this.ks.hset(key, field, String(value));
    }
    await this.persist();
    return this.getSettings(c);
  }

  async saveSchedule(c: Community, schedule: DailySchedule): Promise<void> {
    this.ks.hset(this.k(c).schedules(), schedule.channelId, JSON.stringify(schedule));
    this.ks.sadd(scheduleIndexKey(''), indexMember(communityKey(c), schedule.channelId));
    await this.persist();
  }

  async getSchedule(c: Community, channelId: string): Promise<DailySchedule | null> {
    const raw = this.ks.hget(this.k(c).schedules(), channelId);
    return raw === null ? null : (JSON.parse(raw) as DailySchedule);
  }

  async deleteSchedule(c: Community, channelId: string): Promise<boolean> {
    const existed = this.ks.hget(this.k(c).schedules(), channelId) !== null;
    this.ks.hdel(this.k(c).schedules(), channelId);
    this.ks.srem(scheduleIndexKey(''), indexMember(communityKey(c), channelId));
    await this.persist();
    return existed;
  }

  async allSchedules(): Promise<ScheduledChannel[]> {
    const out: ScheduledChannel[] = [];
    for (const m of this.ks.smembers(scheduleIndexKey(''))) {
      const parsed = parseIndexMember(m);
      const schedule = parsed && (await this.getSchedule(parsed.community, parsed.channelId));
      if (parsed && schedule) out.push({ community: parsed.community, schedule });
    }
    return out;
  }

  /** Mirrors lua/claim-slot-1.lua. */
  async claimSlot(c: Community, channelId: string, slot: string, phase: SlotPhase, claim: { token: string; now: number; staleBefore: number; ttlMs: number }): Promise<boolean> {
    const key = this.k(c).slot(channelId, slot);
    const state = this.ks.hget(key, 'state');
    const busy = SLOT_PHASES[phase].busy;
    if (state === busy) {
      if (Number(this.ks.hget(key, 'claimedAt') ?? 0) >= claim.staleBefore) return false;
    } else if (phase === 'post' ? state !== null : state !== 'posted') {
      return false;
    }
    this.ks.hset(key, 'state', busy);
    this.ks.hset(key, 'token', claim.token);
    this.ks.hset(key, 'claimedAt', String(claim.now));
    this.ks.pexpire(key, claim.ttlMs);
    await this.persist();
    return true;
  }

  /** Mirrors lua/finish-slot-1.lua. */
  async finishSlot(c: Community, channelId: string, slot: string, phase: SlotPhase, token: string, fields: Partial<DailySlot>): Promise<boolean> {
    const key = this.k(c).slot(channelId, slot);
    const { busy, done } = SLOT_PHASES[phase];
    if (this.ks.hget(key, 'token') !== token || this.ks.hget(key, 'state') !== busy) return false;
    this.ks.hset(key, 'state', done);
    const pairs = definedFields(fields as Record<string, string | number | undefined>);
    for (let i = 0; i < pairs.length; i += 2) this.ks.hset(key, pairs[i]!, pairs[i + 1]!);
    await this.persist();
    return true;
  }

  async getSlot(c: Community, channelId: string, slot: string): Promise<DailySlot | null> {
    return parseSlot(this.ks.hgetall(this.k(c).slot(channelId, slot)));
  }

  async usedDailyQuestions(c: Community, channelId: string): Promise<string[]> {
    return this.ks.smembers(this.k(c).usedDaily(channelId));
  }

  async markDailyQuestionUsed(c: Community, channelId: string, questionId: string, reset: boolean): Promise<void> {
    const key = this.k(c).usedDaily(channelId);
    if (reset) this.ks.del(key);
    this.ks.sadd(key, questionId);
    await this.persist();
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {
    await this.file?.flush();
  }
}

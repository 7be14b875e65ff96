import { communityKey, type Community, type CommunitySettings, type UserRef } from '../core/identity.js';
import type { Clock, Logger } from '../core/ports.js';
import type { AnswerInput, AnswerOutcome, AnswerResultRecord, StreakRecord, UserStatsRecord } from '../core/answer-rules.js';
import { SLOT_PHASES, type DailySchedule, type DailySlot, type ScheduledChannel, type SlotPhase } from '../core/daily/schedule.js';
import type { BoardRef, LeaderboardPage } from '../core/leaderboard.js';
import type { Delivery } from '../core/quiz/delivery.js';
import type { Store } from '../core/store.js';
import type { JoinTeamOutcome, TeamInfo } from '../core/team.js';
import type { GradingLimits, GradingUsageStore, SlotVerdict, TokenUsage } from '../core/grading/grading-usage.js';
import { answerPoints, boardUpdates, maySlotBeClaimed, nextStreak, pushRecentList, scoreWindow, zoneChanged } from '../core/answer-rules.js';
import { communityKeys, scheduleIndexKey } from './keys.js';
import { MemoryKeyspace } from './memory-keyspace.js';
import { MemoryCards } from './memory-cards.js';
import { MemoryReminders } from './memory-reminders.js';
import type { CardRecord, ReviewTally, TopicProgress } from '../core/learning/card.js';
import type { DueReminder, Reminder } from '../core/learning/reminder.js';
import { activityCounts, definedFields, indexMember, parseIndexMember, parseResult, parseSlot, parseStats, parseUsage } from './records.js';
import { MemoryPacks } from './memory-packs.js';
import type { OpenReports, PackSummary, ReportInput, ReportOutcome, SavePackOutcome, StoredPack } from '../core/packs/pack.js';

export interface MemoryStoreConfig {
  clock: Clock;
  logger?: Logger | undefined;
}

/**
 * A store in memory only, for unit tests and fakes: nothing survives the process. It follows the
 * layout of RedisStore's keys over an in-memory keyspace and applies the same domain rules
 * (core/answer-rules.ts); JavaScript's single thread makes each method atomic.
 */
export class MemoryStore implements Store, GradingUsageStore {
  private readonly ks: MemoryKeyspace;
  private readonly cards = new MemoryCards();
  private readonly reminders = new MemoryReminders();
  private readonly packs: MemoryPacks;

  private constructor(config: MemoryStoreConfig) {
    this.ks = new MemoryKeyspace(() => config.clock.now());
    this.packs = new MemoryPacks(this.ks);
  }

  static async open(config: MemoryStoreConfig): Promise<MemoryStore> {
    return new MemoryStore(config);
  }

  private k(c: Community) {
    return communityKeys('', c);
  }


  async saveDelivery(c: Community, d: Delivery): Promise<void> {
    this.ks.set(this.k(c).delivery(d.id), JSON.stringify(d), Math.max(1, d.expiresAt - d.createdAt));
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
    return added;
  }

  /** The same steps as lua/record-answer-1.lua, with the rules of core/answer-rules.ts. */
  async recordAnswer(a: AnswerInput): Promise<AnswerOutcome> {
    const k = this.k(a.user.community);
    const ks = this.ks;
    const u = a.user.userId;
    const moved = zoneChanged(ks.hget(k.settings(), 'timeZone'), a.expectedZone);
    if (moved) return moved;
    if (!ks.sadd(k.answered(a.deliveryId), u)) {
      const stored = ks.hget(k.outcomes(a.deliveryId), u);
      return a.submission && stored?.startsWith(`${a.submission}|`) ? (JSON.parse(stored.slice(a.submission.length + 1)) as AnswerOutcome) : { status: 'duplicate' };
    }
    ks.pexpire(k.answered(a.deliveryId), a.deliveryTtlMs);

    const hintUsed = ks.sismember(k.hints(a.deliveryId), u);
    const marker = ks.get(k.scored(u, a.questionId));
    const window = scoreWindow(marker === null ? null : Number(marker), a.now, a.scoreWindowMs);
    if (window.scored) ks.set(k.scored(u, a.questionId), String(window.markedUntil), a.scoreWindowMs);
    const points = answerPoints(a.basePoints, hintUsed, window.scored);

    const stats = k.stats(u);
    ks.hincrby(stats, 'answered', 1);
    ks.hincrby(stats, `a:${a.topic}`, 1);
    if (a.correct) {
      ks.hincrby(stats, 'correct', 1);
      ks.hincrby(stats, `c:${a.topic}`, 1);
    }
    ks.hincrby(stats, 'points', points);

    // Read without an await: the whole method must run in one turn to stay atomic.
    const streak = nextStreak(this.streakOf(a.user), a.day);
    ks.hset(k.streak(u), 'last', String(streak.lastDay));
    ks.hset(k.streak(u), 'current', String(streak.current));
    ks.hset(k.streak(u), 'best', String(streak.best));

    for (const b of boardUpdates(a, ks.hget(k.teamOf(), u))) {
      const key = k.board(b);
      ks.zincrby(key, points, b.member);
      if (b.expiresAt !== null) ks.pexpireAt(key, b.expiresAt);
    }

    ks.hset(k.names(), u, a.user.displayName);
    ks.rpush(k.results(a.deliveryId), `${u}|${a.correct ? 1 : 0}|${a.now}`);
    ks.pexpire(k.results(a.deliveryId), a.deliveryTtlMs);
    if (a.activity) this.countDay(a.user, a.day, a.activity.keepDays, a.activity.ttlMs);
    const outcome: AnswerOutcome = { status: 'recorded', points, hintUsed, scored: window.scored, streak };
    if (a.submission) {
      ks.hset(k.outcomes(a.deliveryId), u, `${a.submission}|${JSON.stringify(outcome)}`);
      ks.pexpire(k.outcomes(a.deliveryId), a.deliveryTtlMs);
    }
    if (a.review) this.cards.reviewNow(a.user, a.review, hintUsed);
    return outcome;
  }

  async getResults(c: Community, deliveryId: string): Promise<AnswerResultRecord[]> {
    return this.ks.lrange(this.k(c).results(deliveryId)).map(parseResult);
  }

  async pushRecent(user: UserRef, questionId: string, keep: number): Promise<void> {
    const key = this.k(user.community).recent(user.userId);
    const next = pushRecentList(this.ks.lrange(key), questionId, keep);
    this.ks.del(key);
    for (const q of next) this.ks.rpush(key, q);
  }

  async getRecent(user: UserRef): Promise<string[]> {
    return this.ks.lrange(this.k(user.community).recent(user.userId));
  }

  async getStats(user: UserRef): Promise<UserStatsRecord> {
    return parseStats(this.ks.hgetall(this.k(user.community).stats(user.userId)));
  }

  async getStreak(user: UserRef): Promise<StreakRecord> {
    return this.streakOf(user);
  }

  private streakOf(user: UserRef): StreakRecord {
    const h = this.ks.hgetall(this.k(user.community).streak(user.userId));
    return { lastDay: Number(h['last'] ?? -1), current: Number(h['current'] ?? 0), best: Number(h['best'] ?? 0) };
  }

  async getLeaderboard(c: Community, board: BoardRef, offset: number, limit: number, memberId: string): Promise<LeaderboardPage> {
    const k = this.k(c);
    const names = this.ks.hgetall(board.scope === 'users' ? k.names() : k.teams());
    const all = this.ks.zrevrange(k.board(board)).map(([id, score], i) => ({ id, name: names[id] ?? id, score, rank: i + 1 }));
    return { total: all.length, entries: all.slice(offset, offset + limit), member: all.find((e) => e.id === memberId) ?? null };
  }

  /** The same steps as lua/join-team-5.lua. */
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
    return { status: 'joined', created, team: { key: teamKey, name: this.ks.hget(k.teams(), teamKey) ?? teamName, members } };
  }

  /** The same steps as lua/leave-team-4.lua. */
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
    return this.getSettings(c);
  }

  async saveSchedule(c: Community, schedule: DailySchedule): Promise<void> {
    this.ks.hset(this.k(c).schedules(), schedule.channelId, JSON.stringify(schedule));
    this.ks.sadd(scheduleIndexKey(''), indexMember(communityKey(c), schedule.channelId));
  }

  async getSchedule(c: Community, channelId: string): Promise<DailySchedule | null> {
    const raw = this.ks.hget(this.k(c).schedules(), channelId);
    return raw === null ? null : (JSON.parse(raw) as DailySchedule);
  }

  async deleteSchedule(c: Community, channelId: string): Promise<boolean> {
    const existed = this.ks.hget(this.k(c).schedules(), channelId) !== null;
    this.ks.hdel(this.k(c).schedules(), channelId);
    this.ks.srem(scheduleIndexKey(''), indexMember(communityKey(c), channelId));
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

  /** The same steps as lua/claim-slot-1.lua, with the rule of core/answer-rules.ts. */
  async claimSlot(c: Community, channelId: string, slot: string, phase: SlotPhase, claim: { token: string; now: number; staleBefore: number; ttlMs: number }): Promise<boolean> {
    const key = this.k(c).slot(channelId, slot);
    if (!maySlotBeClaimed(parseSlot(this.ks.hgetall(key)), phase, claim.staleBefore)) return false;
    const busy = SLOT_PHASES[phase].busy;
    this.ks.hset(key, 'state', busy);
    this.ks.hset(key, 'token', claim.token);
    this.ks.hset(key, 'claimedAt', String(claim.now));
    this.ks.pexpire(key, claim.ttlMs);
    return true;
  }

  /** The same steps as lua/finish-slot-1.lua. */
  async finishSlot(c: Community, channelId: string, slot: string, phase: SlotPhase, token: string, fields: Partial<DailySlot>): Promise<boolean> {
    const key = this.k(c).slot(channelId, slot);
    const { busy, done } = SLOT_PHASES[phase];
    if (this.ks.hget(key, 'token') !== token || this.ks.hget(key, 'state') !== busy) return false;
    this.ks.hset(key, 'state', done);
    const pairs = definedFields(fields);
    for (let i = 0; i < pairs.length; i += 2) this.ks.hset(key, pairs[i]!, pairs[i + 1]!);
    return true;
  }

  /** As RedisStore.releaseSlot: the claim's time zeroed, so any caller may take it at once. */
  async releaseSlot(c: Community, channelId: string, slot: string, phase: SlotPhase, token: string): Promise<boolean> {
    const key = this.k(c).slot(channelId, slot);
    if (this.ks.hget(key, 'token') !== token || this.ks.hget(key, 'state') !== SLOT_PHASES[phase].busy) return false;
    this.ks.hset(key, 'claimedAt', '0');
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
  }

  async getSession(c: Community, key: string): Promise<string | null> {
    return this.ks.get(this.k(c).session(key));
  }

  async setSession(c: Community, key: string, value: string, ttlMs: number): Promise<void> {
    this.ks.set(this.k(c).session(key), value, Math.max(1, Math.round(ttlMs)));
  }

  async deleteSession(c: Community, key: string): Promise<boolean> {
    const existed = this.ks.get(this.k(c).session(key)) !== null;
    this.ks.del(this.k(c).session(key));
    return existed;
  }

  // Practice reminders (memory-reminders.ts).
  saveReminder(c: Community, r: Reminder): Promise<void> { return this.reminders.saveReminder(c, r); }
  getReminder(c: Community, userId: string): Promise<Reminder | null> { return this.reminders.getReminder(c, userId); }
  deleteReminder(c: Community, userId: string): Promise<boolean> { return this.reminders.deleteReminder(c, userId); }
  dueReminders(now: number, limit: number): Promise<DueReminder[]> { return this.reminders.dueReminders(now, limit); }
  advanceReminder(c: Community, userId: string, from: number, to: number): Promise<boolean> { return this.reminders.advanceReminder(c, userId, from, to); }

  // Answers per day, counted as lua/record-answer-1.lua counts them.
  private countDay(user: UserRef, day: number, keepDays: number, ttlMs: number): void {
    const key = this.k(user.community).activity(user.userId);
    if (this.ks.hincrby(key, String(day), 1) !== 1) return; // a day's first answer renews and trims
    this.ks.pexpire(key, ttlMs);
    for (const f of Object.keys(this.ks.hgetall(key))) if (Number(f) < day - keepDays) this.ks.hdel(key, f);
  }

  async getActivity(user: UserRef, fromDay: number, toDay: number): Promise<Map<number, number>> {
    return activityCounts(this.ks.hgetall(this.k(user.community).activity(user.userId)), fromDay, toDay);
  }

  async ping(): Promise<void> {}

  // AI grading usage, as lua/take-grading-slot-2.lua and RedisStore do it.
  async takeGradingSlot(user: UserRef, day: string, limits: GradingLimits, ttlMs: number): Promise<SlotVerdict> {
    const k = this.k(user.community);
    const keys = [k.aiMemberCount(day, user.userId), k.aiCommunityCount(day)];
    const [member, community] = keys.map((key) => Number(this.ks.hget(key, 'n') ?? 0)) as [number, number];
    if (member >= limits.member) return 'member-limit';
    if (community >= limits.community) return 'community-limit';
    for (const key of keys) if (this.ks.hincrby(key, 'n', 1) === 1) this.ks.pexpire(key, ttlMs);
    return 'granted';
  }

  async getCachedGrade(c: Community, key: string): Promise<string | null> {
    return this.ks.get(this.k(c).aiCache(key));
  }

  async putCachedGrade(c: Community, key: string, value: string, ttlMs: number): Promise<void> {
    this.ks.set(this.k(c).aiCache(key), value, ttlMs);
  }

  async addTokenUsage(c: Community, day: string, u: TokenUsage, ttlMs: number): Promise<void> {
    const key = this.k(c).aiTokens(day);
    for (const f of ['calls', 'promptTokens', 'completionTokens'] as const) this.ks.hincrby(key, f, u[f]);
    this.ks.pexpire(key, ttlMs);
  }

  async getTokenUsage(c: Community, day: string): Promise<TokenUsage> {
    return parseUsage(this.ks.hgetall(this.k(c).aiTokens(day)));
  }

  // Cards (CardStore): memory-cards.ts.
  getCard(user: UserRef, questionId: string): Promise<CardRecord | null> { return this.cards.getCard(user, questionId); }
  saveCard(user: UserRef, card: CardRecord, expectedReps: number, tally?: { recalled: boolean }): Promise<boolean> { return this.cards.saveCard(user, card, expectedReps, tally); }
  dueCards(user: UserRef, until: number, limit: number): Promise<CardRecord[]> { return this.cards.dueCards(user, until, limit); }
  countDue(user: UserRef, until: number): Promise<number> { return this.cards.countDue(user, until); }
  cardIds(user: UserRef): Promise<string[]> { return this.cards.cardIds(user); }
  topicProgress(user: UserRef, since: number): Promise<Record<string, TopicProgress>> { return this.cards.topicProgress(user, since); }
  reviewTally(user: UserRef): Promise<ReviewTally> { return this.cards.reviewTally(user); }

  async close(): Promise<void> {}

  // Packs and reports (memory-packs.ts).
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

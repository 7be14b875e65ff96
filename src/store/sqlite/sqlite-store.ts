import { join } from 'node:path';
import { communityKey as ck, type Community, type CommunitySettings, type UserRef } from '../../core/identity.js';
import type { Clock, Logger } from '../../core/ports.js';
import type { AnswerInput, AnswerOutcome, AnswerResultRecord, StreakRecord, UserStatsRecord } from '../../core/answer-rules.js';
import type { DailySchedule, DailySlot, ScheduledChannel, SlotPhase } from '../../core/daily/schedule.js';
import type { BoardRef, LeaderboardPage } from '../../core/leaderboard.js';
import type { Delivery } from '../../core/quiz/delivery.js';
import type { Store } from '../../core/store.js';
import type { JoinTeamOutcome, TeamInfo } from '../../core/team.js';
import type { GradingLimits, GradingUsageStore, SlotVerdict, TokenUsage } from '../../core/grading/grading-usage.js';
import { leaderboardPage } from './boards.js';
import { cachedGrade, tokenUsage } from './grading-writes.js';
import { cardReads } from './card-writes.js';
import type { CardRecord, ReviewTally, TopicProgress } from '../../core/learning/card.js';
import { readDueReminders, readReminder } from './reminder-writes.js';
import type { DueReminder, Reminder } from '../../core/learning/reminder.js';
import { activityRows } from './activity-writes.js';
import { openReports, packSummaries, pausedQuestions, storedPack } from './pack-writes.js';
import type { OpenReports, PackSummary, ReportInput, ReportOutcome, SavePackOutcome, StoredPack } from '../../core/packs/pack.js';
import { SqliteDatabase } from './database.js';
import { DB_FILE, folderBytes } from './files.js';
import { recentOf, slotOf, streakOf, teamInfo, teamOf } from './rows.js';
import { Sweeper } from './sweeper.js';
import { Writer } from './writer.js';

export interface SqliteStoreConfig {
  clock: Clock;
  /** The folder holding the database (created if missing). */
  dataDir: string;
  logger?: Logger | undefined;
  /** At most one /readyz write probe per this many ms while healthy (default 5 s). */
  probeIntervalMs?: number | undefined;
  /** false: no background deletion of expired rows (benchmarks, tests). */
  sweep?: boolean | undefined;
}

/**
 * The embedded store on SQLite (DATA_DIR/backprop.sqlite). Writes go to a writer thread, one
 * transaction each, applying the rules of core/answer-rules.ts (writes.ts): a failed write changes
 * nothing, and the event loop never waits for a lock or an fsync. Reads run here on a read-only
 * connection as indexed lookups and short range scans. Several processes may share the file;
 * SQLite's locking serialises their writers.
 */
export class SqliteStore implements Store, GradingUsageStore {
  private readonly sweeper: Sweeper;

  private constructor(
    private readonly writer: Writer,
    private readonly read: SqliteDatabase,
    private readonly clock: Clock,
    readonly dataDir: string,
    logger: Logger | undefined,
  ) {
    this.sweeper = new Sweeper((now) => this.writer.call('sweepBatch', now), clock, logger);
  }

  /** Opens (creating, migrating and importing the old JSON data file as needed) the database in dataDir. */
  static async open(config: SqliteStoreConfig): Promise<SqliteStore> {
    const writer = await Writer.start(config.dataDir, config.clock, config.probeIntervalMs ?? 5000, config.logger);
    let read: SqliteDatabase;
    try {
      // Reads on this thread wait at most a few ms for a lock (only WAL recovery takes one).
      read = new SqliteDatabase(join(config.dataDir, DB_FILE), { busyTimeoutMs: 10, readOnly: true });
    } catch (err) {
      await writer.close();
      throw err;
    }
    const store = new SqliteStore(writer, read, config.clock, config.dataDir, config.logger);
    if (config.sweep !== false) store.sweeper.start();
    config.logger?.info(`Embedded store: SQLite at ${writer.path}. Several processes on this machine may share it; set REDIS_URL for replicas on several machines.`);
    return store;
  }

  private get now(): number {
    return this.clock.now();
  }

  async saveDelivery(c: Community, d: Delivery): Promise<void> {
    await this.writer.call('saveDelivery', this.now, c, d);
  }

  async getDelivery(c: Community, id: string): Promise<Delivery | null> {
    const row = this.read.get<{ body: string }>('SELECT body FROM deliveries WHERE community = ? AND id = ? AND expires_at > ?', ck(c), id, this.now);
    return row ? (JSON.parse(row.body) as Delivery) : null;
  }

  private liveAnswerSet(c: Community, deliveryId: string): boolean {
    return this.read.get('SELECT 1 FROM answer_sets WHERE community = ? AND delivery_id = ? AND expires_at > ?', ck(c), deliveryId, this.now) !== undefined;
  }

  async hasAnswered(c: Community, deliveryId: string, userId: string): Promise<boolean> {
    return this.liveAnswerSet(c, deliveryId) && this.read.get('SELECT 1 FROM answers WHERE community = ? AND delivery_id = ? AND user_id = ?', ck(c), deliveryId, userId) !== undefined;
  }

  markHint(c: Community, deliveryId: string, userId: string, ttlMs: number): Promise<boolean> {
    return this.writer.call('markHint', this.now, c, deliveryId, userId, ttlMs);
  }

  recordAnswer(input: AnswerInput): Promise<AnswerOutcome> {
    return this.writer.call('recordAnswer', this.now, input);
  }

  async getResults(c: Community, deliveryId: string): Promise<AnswerResultRecord[]> {
    if (!this.liveAnswerSet(c, deliveryId)) return [];
    const rows = this.read.all<{ user_id: string; correct: number; at: number }>('SELECT user_id, correct, at FROM answers WHERE community = ? AND delivery_id = ? ORDER BY seq', ck(c), deliveryId);
    return rows.map((r) => ({ userId: r.user_id, correct: r.correct === 1, at: r.at }));
  }

  async pushRecent(user: UserRef, questionId: string, keep: number): Promise<void> {
    await this.writer.call('pushRecent', this.now, user, questionId, keep);
  }

  async getRecent(user: UserRef): Promise<string[]> {
    return recentOf(this.read, ck(user.community), user.userId);
  }

  async getStats(user: UserRef): Promise<UserStatsRecord> {
    const c = ck(user.community);
    const totals = this.read.get<{ answered: number; correct: number; points: number }>('SELECT answered, correct, points FROM user_stats WHERE community = ? AND user_id = ?', c, user.userId);
    const byTopic: UserStatsRecord['byTopic'] = {};
    for (const t of this.read.all<{ topic: string; answered: number; correct: number }>('SELECT topic, answered, correct FROM topic_stats WHERE community = ? AND user_id = ?', c, user.userId)) {
      byTopic[t.topic] = { answered: t.answered, correct: t.correct };
    }
    return { answered: totals?.answered ?? 0, correct: totals?.correct ?? 0, points: totals?.points ?? 0, byTopic };
  }

  async getStreak(user: UserRef): Promise<StreakRecord> {
    return streakOf(this.read, ck(user.community), user.userId);
  }

  async getLeaderboard(c: Community, board: BoardRef, offset: number, limit: number, memberId: string): Promise<LeaderboardPage> {
    return leaderboardPage(this.read, ck(c), board, offset, limit, memberId, this.now);
  }

  joinTeam(user: UserRef, teamKey: string, teamName: string): Promise<JoinTeamOutcome> {
    return this.writer.call('joinTeam', this.now, user, teamKey, teamName);
  }

  leaveTeam(user: UserRef): Promise<TeamInfo | null> {
    return this.writer.call('leaveTeam', this.now, user);
  }

  async getUserTeam(user: UserRef): Promise<TeamInfo | null> {
    const key = teamOf(this.read, ck(user.community), user.userId);
    return key === undefined ? null : teamInfo(this.read, ck(user.community), key);
  }

  async listTeams(c: Community): Promise<TeamInfo[]> {
    const rows = this.read.all<{ team_key: string; name: string; members: number }>('SELECT team_key, name, members FROM teams WHERE community = ? AND members > 0', ck(c));
    return rows.map((r) => ({ key: r.team_key, name: r.name, members: r.members }));
  }

  async teamMembers(c: Community, teamKey: string): Promise<{ id: string; name: string }[]> {
    const rows = this.read.all<{ id: string; name: string | null }>(
      'SELECT m.user_id AS id, n.name FROM team_members m LEFT JOIN names n ON n.community = m.community AND n.user_id = m.user_id WHERE m.community = ? AND m.team_key = ?',
      ck(c), teamKey,
    );
    return rows.map((r) => ({ id: r.id, name: r.name ?? r.id }));
  }

  async getDisplayName(c: Community, userId: string): Promise<string | null> {
    return this.read.get<{ name: string }>('SELECT name FROM names WHERE community = ? AND user_id = ?', ck(c), userId)?.name ?? null;
  }

  async getSettings(c: Community): Promise<CommunitySettings> {
    return { timeZone: this.read.get<{ value: string }>("SELECT value FROM settings WHERE community = ? AND field = 'timeZone'", ck(c))?.value };
  }

  async updateSettings(c: Community, patch: CommunitySettings, onlyIfUnset = false): Promise<CommunitySettings> {
    await this.writer.call('updateSettings', this.now, c, patch, onlyIfUnset);
    return this.getSettings(c);
  }

  async saveSchedule(c: Community, schedule: DailySchedule): Promise<void> {
    await this.writer.call('saveSchedule', this.now, c, schedule);
  }

  async getSchedule(c: Community, channelId: string): Promise<DailySchedule | null> {
    const row = this.read.get<{ body: string }>('SELECT body FROM schedules WHERE community = ? AND channel_id = ?', ck(c), channelId);
    return row ? (JSON.parse(row.body) as DailySchedule) : null;
  }

  deleteSchedule(c: Community, channelId: string): Promise<boolean> {
    return this.writer.call('deleteSchedule', this.now, c, channelId);
  }

  async allSchedules(): Promise<ScheduledChannel[]> {
    return this.read.all<{ community: string; body: string }>('SELECT community, body FROM schedules').map((r) => {
      const colon = r.community.indexOf(':');
      const community = { platform: r.community.slice(0, colon), id: r.community.slice(colon + 1) };
      return { community, schedule: JSON.parse(r.body) as DailySchedule };
    });
  }

  claimSlot(c: Community, channelId: string, slot: string, phase: SlotPhase, claim: { token: string; now: number; staleBefore: number; ttlMs: number }): Promise<boolean> {
    return this.writer.call('claimSlot', this.now, c, channelId, slot, phase, claim);
  }

  releaseSlot(c: Community, channelId: string, slot: string, phase: SlotPhase, token: string): Promise<boolean> {
    return this.writer.call('releaseSlot', this.now, c, channelId, slot, phase, token);
  }

  finishSlot(c: Community, channelId: string, slot: string, phase: SlotPhase, token: string, fields: Partial<DailySlot>): Promise<boolean> {
    return this.writer.call('finishSlot', this.now, c, channelId, slot, phase, token, fields);
  }

  async getSlot(c: Community, channelId: string, slot: string): Promise<DailySlot | null> {
    return slotOf(this.read, ck(c), channelId, slot, this.now);
  }

  async usedDailyQuestions(c: Community, channelId: string): Promise<string[]> {
    return this.read.all<{ question_id: string }>('SELECT question_id FROM daily_used WHERE community = ? AND channel_id = ?', ck(c), channelId).map((r) => r.question_id);
  }

  async markDailyQuestionUsed(c: Community, channelId: string, questionId: string, reset: boolean): Promise<void> {
    await this.writer.call('markDailyQuestionUsed', this.now, c, channelId, questionId, reset);
  }

  async getSession(c: Community, key: string): Promise<string | null> {
    return this.read.get<{ value: string }>('SELECT value FROM sessions WHERE community = ? AND key = ? AND expires_at > ?', ck(c), key, this.now)?.value ?? null;
  }

  async setSession(c: Community, key: string, value: string, ttlMs: number): Promise<void> {
    await this.writer.call('setSession', this.now, c, key, value, ttlMs);
  }

  deleteSession(c: Community, key: string): Promise<boolean> {
    return this.writer.call('deleteSession', this.now, c, key);
  }

  // Practice reminders (migration 0006, reminder-writes.ts): writes in the writer thread, reads here.
  async saveReminder(c: Community, r: Reminder): Promise<void> {
    await this.writer.call('saveReminder', this.now, c, r);
  }

  async getReminder(c: Community, userId: string): Promise<Reminder | null> {
    return readReminder(this.read, c, userId);
  }

  deleteReminder(c: Community, userId: string): Promise<boolean> {
    return this.writer.call('deleteReminder', this.now, c, userId);
  }

  async dueReminders(now: number, limit: number): Promise<DueReminder[]> {
    return readDueReminders(this.read, now, limit);
  }

  advanceReminder(c: Community, userId: string, from: number, to: number): Promise<boolean> {
    return this.writer.call('advanceReminder', this.now, c, userId, from, to);
  }

  /** Deletes expired rows now (a sweep also runs every minute); returns how many went. */
  sweepExpired(): Promise<number> {
    return this.sweeper.sweep();
  }

  /** The data folder and the bytes its files take, for /readyz. */
  async storageInfo(): Promise<{ dataDir: string; bytes: number }> {
    return { dataDir: this.dataDir, bytes: await folderBytes(this.dataDir) };
  }

  /** Throws while writes fail (see Writer.checkWritable: a throttled write probe). */
  // AI grading usage (migration 0002, grading-writes.ts): writes in the writer thread, reads here.
  takeGradingSlot(user: UserRef, day: string, limits: GradingLimits, ttlMs: number): Promise<SlotVerdict> {
    return this.writer.call('takeGradingSlot', this.now, user, day, limits, ttlMs);
  }

  async getCachedGrade(c: Community, key: string): Promise<string | null> {
    return cachedGrade(this.read, this.now, c, key);
  }

  async putCachedGrade(c: Community, key: string, value: string, ttlMs: number): Promise<void> {
    await this.writer.call('putCachedGrade', this.now, c, key, value, ttlMs);
  }

  async addTokenUsage(c: Community, day: string, usage: TokenUsage, ttlMs: number): Promise<void> {
    await this.writer.call('addTokenUsage', this.now, c, day, usage, ttlMs);
  }

  async getTokenUsage(c: Community, day: string): Promise<TokenUsage> {
    return tokenUsage(this.read, this.now, c, day);
  }

  // Cards (migration 0005, card-writes.ts): the compare-and-set save in the writer thread, reads here.
  saveCard(user: UserRef, card: CardRecord, expectedReps: number, tally?: { recalled: boolean }): Promise<boolean> {
    return this.writer.call('saveCard', this.now, user, card, expectedReps, tally);
  }
  async getCard(user: UserRef, questionId: string): Promise<CardRecord | null> {
    return cardReads.get(this.read, user, questionId);
  }
  async dueCards(user: UserRef, until: number, limit: number): Promise<CardRecord[]> {
    return cardReads.due(this.read, user, until, limit);
  }
  async countDue(user: UserRef, until: number): Promise<number> {
    return cardReads.countDue(this.read, user, until);
  }
  async cardIds(user: UserRef): Promise<string[]> {
    return cardReads.ids(this.read, user);
  }
  async topicProgress(user: UserRef, since: number): Promise<Record<string, TopicProgress>> {
    return cardReads.topics(this.read, user, since);
  }
  async reviewTally(user: UserRef): Promise<ReviewTally> {
    return cardReads.tally(this.read, user);
  }

  // Answers per day (migration 0007; counted by recordAnswer in writes.ts).
  async getActivity(user: UserRef, fromDay: number, toDay: number): Promise<Map<number, number>> {
    return activityRows(this.read, this.now, user, fromDay, toDay);
  }

  // Packs and reports (migration 0008, pack-writes.ts).
  savePack(c: Community, pack: StoredPack, maxPacks: number): Promise<SavePackOutcome> {
    return this.writer.call('savePack', this.now, c, pack, maxPacks);
  }
  async listPacks(c: Community): Promise<PackSummary[]> {
    return packSummaries(this.read, c);
  }
  async getPack(c: Community, name: string): Promise<StoredPack | null> {
    return storedPack(this.read, c, name);
  }
  setPackEnabled(c: Community, name: string, enabled: boolean): Promise<boolean> {
    return this.writer.call('setPackEnabled', this.now, c, name, enabled);
  }
  removePack(c: Community, name: string): Promise<boolean> {
    return this.writer.call('removePack', this.now, c, name);
  }
  addReport(c: Community, input: ReportInput): Promise<ReportOutcome> {
    return this.writer.call('addReport', this.now, c, input);
  }
  async openReports(c: Community): Promise<OpenReports[]> {
    return openReports(this.read, c);
  }
  resolveReports(c: Community, questionId: string): Promise<boolean> {
    return this.writer.call('resolveReports', this.now, c, questionId);
  }
  async pausedQuestions(c: Community): Promise<string[]> {
    return pausedQuestions(this.read, c);
  }

  async ping(): Promise<void> {
    await this.writer.checkWritable();
  }

  async close(): Promise<void> {
    await this.sweeper.stop();
    await this.writer.close();
    this.read.close();
  }
}

import { communityKey, type Community, type Platform, type UserRef } from '../../core/identity.js';
import type { Clock } from '../../core/ports.js';
import type {
  AnswerInput,
  AnswerOutcome,
  AnswerResultRecord,
  BoardRef,
  CommunitySettings,
  DailySchedule,
  DailySlot,
  Delivery,
  JoinTeamOutcome,
  LeaderboardPage,
  ScheduledChannel,
  SlotPhase,
  Store,
  StreakRecord,
  TeamInfo,
  UserStatsRecord,
} from '../../core/store.js';
import { SLOT_PHASES } from '../../core/store.js';
import { answerPoints, boardUpdates, maySlotBeClaimed, nextStreak, NO_STREAK, pushRecentList, scoreWindow } from '../../core/answer-rules.js';
import { addToBoard, leaderboardPage } from './boards.js';
import type { SqliteDatabase } from './database.js';
import { openDatabase, type OpenedDatabase, type SqliteStoreConfig } from './open.js';
import { Sweeper } from './sweeper.js';
import { folderBytes } from './files.js';

type Row = Record<string, unknown>;
const ck = communityKey;

/**
 * The embedded store on SQLite: every multi-row change is one transaction applying the rules of
 * core/answer-rules.ts, so a failed write changes nothing and "try again" is true. Several
 * processes may share the file (SQLite's locking serialises writers); each statement is an
 * indexed lookup or a short range scan, so the event loop is never held for long.
 */
export class SqliteStore implements Store {
  private readonly sql: SqliteDatabase;
  private readonly clock: Clock;
  private readonly sweeper: Sweeper;

  private constructor(
    opened: OpenedDatabase,
    config: SqliteStoreConfig,
  ) {
    this.sql = opened.sql;
    this.clock = config.clock;
    this.dataDir = opened.dataDir;
    this.sweeper = new Sweeper(this.sql, config.clock, config.logger);
  }

  readonly dataDir: string;

  /** Opens (creating, migrating and importing the old JSON file as needed) the database in dataDir. */
  static async open(config: SqliteStoreConfig): Promise<SqliteStore> {
    const store = new SqliteStore(await openDatabase(config), config);
    if (config.sweep !== false) store.sweeper.start();
    return store;
  }

  private get now(): number {
    return this.clock.now();
  }

  private get<T extends Row>(sql: string, ...params: unknown[]): T | undefined {
    return this.sql.stmt(sql).get(...params) as T | undefined;
  }

  private run(sql: string, ...params: unknown[]): number {
    return this.sql.stmt(sql).run(...params).changes;
  }

  async saveDelivery(c: Community, d: Delivery): Promise<void> {
    const expiresAt = this.now + Math.max(1, d.expiresAt - d.createdAt);
    await this.sql.write(() =>
      this.run('INSERT OR REPLACE INTO deliveries (community, id, body, expires_at) VALUES (?, ?, ?, ?)', ck(c), d.id, JSON.stringify(d), expiresAt),
    );
  }

  async getDelivery(c: Community, id: string): Promise<Delivery | null> {
    const row = this.get<{ body: string }>('SELECT body FROM deliveries WHERE community = ? AND id = ? AND expires_at > ?', ck(c), id, this.now);
    return row ? (JSON.parse(row.body) as Delivery) : null;
  }

  async hasAnswered(c: Community, deliveryId: string, userId: string): Promise<boolean> {
    return this.liveAnswerSet(ck(c), deliveryId) && this.get('SELECT 1 FROM answers WHERE community = ? AND delivery_id = ? AND user_id = ?', ck(c), deliveryId, userId) !== undefined;
  }

  private liveAnswerSet(community: string, deliveryId: string): boolean {
    return this.get('SELECT 1 FROM answer_sets WHERE community = ? AND delivery_id = ? AND expires_at > ?', community, deliveryId, this.now) !== undefined;
  }

  async markHint(c: Community, deliveryId: string, userId: string, ttlMs: number): Promise<boolean> {
    const now = this.now;
    return this.sql.write(() => {
      const had = this.get('SELECT 1 FROM hints WHERE community = ? AND delivery_id = ? AND user_id = ? AND expires_at > ?', ck(c), deliveryId, userId, now);
      this.run('INSERT OR REPLACE INTO hints (community, delivery_id, user_id, expires_at) VALUES (?, ?, ?, ?)', ck(c), deliveryId, userId, now + ttlMs);
      return had === undefined;
    });
  }

  /** One transaction: the steps of lua/record-answer-14.lua with the rules of core/answer-rules.ts. */
  async recordAnswer(a: AnswerInput): Promise<AnswerOutcome> {
    const c = ck(a.user.community);
    const u = a.user.userId;
    const now = this.now;
    return this.sql.write((): AnswerOutcome => {
      const set = this.get<{ exp: number }>('SELECT expires_at AS exp FROM answer_sets WHERE community = ? AND delivery_id = ?', c, a.deliveryId);
      // Answers of an expired set are gone, as the expired Redis keys would be.
      if (!set || set.exp <= now) this.run('DELETE FROM answers WHERE community = ? AND delivery_id = ?', c, a.deliveryId);
      const first = this.run('INSERT OR IGNORE INTO answers (community, delivery_id, user_id, correct, at) VALUES (?, ?, ?, ?, ?)', c, a.deliveryId, u, a.correct ? 1 : 0, a.now);
      if (first === 0) return { status: 'duplicate' };
      this.run('INSERT OR REPLACE INTO answer_sets (community, delivery_id, expires_at) VALUES (?, ?, ?)', c, a.deliveryId, now + a.deliveryTtlMs);

      const hintUsed = this.get('SELECT 1 FROM hints WHERE community = ? AND delivery_id = ? AND user_id = ? AND expires_at > ?', c, a.deliveryId, u, now) !== undefined;
      const mark = this.get<{ until: number }>('SELECT until FROM scored WHERE community = ? AND user_id = ? AND question_id = ?', c, u, a.questionId);
      const window = scoreWindow(mark?.until ?? null, a.now, a.scoreWindowMs);
      if (window.scored) this.run('INSERT OR REPLACE INTO scored (community, user_id, question_id, until) VALUES (?, ?, ?, ?)', c, u, a.questionId, window.markedUntil);
      const points = answerPoints(a.basePoints, hintUsed, window.scored);

      const correct = a.correct ? 1 : 0;
      this.run(
        'INSERT INTO user_stats (community, user_id, answered, correct, points) VALUES (?, ?, 1, ?, ?) ' +
          'ON CONFLICT DO UPDATE SET answered = answered + 1, correct = correct + excluded.correct, points = points + excluded.points',
        c, u, correct, points,
      );
      this.run(
        'INSERT INTO topic_stats (community, user_id, topic, answered, correct) VALUES (?, ?, ?, 1, ?) ' +
          'ON CONFLICT DO UPDATE SET answered = answered + 1, correct = correct + excluded.correct',
        c, u, a.topic, correct,
      );

      const streak = nextStreak(this.streakOf(c, u), a.day);
      this.run('INSERT OR REPLACE INTO streaks (community, user_id, current, best, last_day) VALUES (?, ?, ?, ?, ?)', c, u, streak.current, streak.best, streak.lastDay);

      const team = this.get<{ team_key: string }>('SELECT team_key FROM team_members WHERE community = ? AND user_id = ?', c, u);
      for (const b of boardUpdates(a, team?.team_key ?? null)) addToBoard(this.sql, c, b, points, now);
      this.run('INSERT OR REPLACE INTO names (community, user_id, name) VALUES (?, ?, ?)', c, u, a.user.displayName);
      return { status: 'recorded', points, hintUsed, scored: window.scored, streak };
    });
  }

  async getResults(c: Community, deliveryId: string): Promise<AnswerResultRecord[]> {
    if (!this.liveAnswerSet(ck(c), deliveryId)) return [];
    const rows = this.sql.stmt('SELECT user_id, correct, at FROM answers WHERE community = ? AND delivery_id = ? ORDER BY seq').all(ck(c), deliveryId) as {
      user_id: string;
      correct: number;
      at: number;
    }[];
    return rows.map((r) => ({ userId: r.user_id, correct: r.correct === 1, at: r.at }));
  }

  async pushRecent(user: UserRef, questionId: string, keep: number): Promise<void> {
    const c = ck(user.community);
    await this.sql.write(() => {
      const next = pushRecentList(this.recentOf(c, user.userId), questionId, keep);
      this.run('INSERT OR REPLACE INTO recent (community, user_id, questions) VALUES (?, ?, ?)', c, user.userId, JSON.stringify(next));
    });
  }

  async getRecent(user: UserRef): Promise<string[]> {
    return this.recentOf(ck(user.community), user.userId);
  }

  private recentOf(c: string, userId: string): string[] {
    const row = this.get<{ questions: string }>('SELECT questions FROM recent WHERE community = ? AND user_id = ?', c, userId);
    return row ? (JSON.parse(row.questions) as string[]) : [];
  }

  async getStats(user: UserRef): Promise<UserStatsRecord> {
    const c = ck(user.community);
    const totals = this.get<{ answered: number; correct: number; points: number }>('SELECT answered, correct, points FROM user_stats WHERE community = ? AND user_id = ?', c, user.userId);
    const topics = this.sql.stmt('SELECT topic, answered, correct FROM topic_stats WHERE community = ? AND user_id = ?').all(c, user.userId) as {
      topic: string;
      answered: number;
      correct: number;
    }[];
    const byTopic: UserStatsRecord['byTopic'] = {};
    for (const t of topics) byTopic[t.topic] = { answered: t.answered, correct: t.correct };
    return { answered: totals?.answered ?? 0, correct: totals?.correct ?? 0, points: totals?.points ?? 0, byTopic };
  }

  async getStreak(user: UserRef): Promise<StreakRecord> {
    return this.streakOf(ck(user.community), user.userId);
  }

  private streakOf(c: string, userId: string): StreakRecord {
    const row = this.get<{ current: number; best: number; last_day: number }>('SELECT current, best, last_day FROM streaks WHERE community = ? AND user_id = ?', c, userId);
    return row ? { current: row.current, best: row.best, lastDay: row.last_day } : { ...NO_STREAK };
  }

  async getLeaderboard(c: Community, board: BoardRef, offset: number, limit: number, memberId: string): Promise<LeaderboardPage> {
    return leaderboardPage(this.sql, ck(c), board, offset, limit, memberId, this.now);
  }

  private teamInfo(c: string, key: string): TeamInfo {
    const row = this.get<{ name: string; members: number }>('SELECT name, members FROM teams WHERE community = ? AND team_key = ?', c, key);
    return { key, name: row?.name ?? key, members: row?.members ?? 0 };
  }

  /** The steps of lua/join-team-4.lua, in one transaction. */
  async joinTeam(user: UserRef, teamKey: string, teamName: string): Promise<JoinTeamOutcome> {
    const c = ck(user.community);
    return this.sql.write((): JoinTeamOutcome => {
      const current = this.get<{ team_key: string }>('SELECT team_key FROM team_members WHERE community = ? AND user_id = ?', c, user.userId)?.team_key;
      if (current !== undefined) return { status: current === teamKey ? 'already-member' : 'in-other-team', team: this.teamInfo(c, current) };
      const existing = this.get<{ members: number }>('SELECT members FROM teams WHERE community = ? AND team_key = ?', c, teamKey);
      // A team nobody is in any more is created afresh, under the name its new first member gives.
      const created = existing === undefined || existing.members === 0;
      if (created) this.run('INSERT OR REPLACE INTO teams (community, team_key, name, members) VALUES (?, ?, ?, 0)', c, teamKey, teamName);
      this.run('UPDATE teams SET members = members + 1 WHERE community = ? AND team_key = ?', c, teamKey);
      this.run('INSERT INTO team_members (community, user_id, team_key) VALUES (?, ?, ?)', c, user.userId, teamKey);
      this.run('INSERT OR REPLACE INTO names (community, user_id, name) VALUES (?, ?, ?)', c, user.userId, user.displayName);
      return { status: 'joined', created, team: this.teamInfo(c, teamKey) };
    });
  }

  async leaveTeam(user: UserRef): Promise<TeamInfo | null> {
    const c = ck(user.community);
    return this.sql.write(() => {
      const current = this.get<{ team_key: string }>('SELECT team_key FROM team_members WHERE community = ? AND user_id = ?', c, user.userId)?.team_key;
      if (current === undefined) return null;
      this.run('DELETE FROM team_members WHERE community = ? AND user_id = ?', c, user.userId);
      this.run('UPDATE teams SET members = MAX(members - 1, 0) WHERE community = ? AND team_key = ?', c, current);
      return this.teamInfo(c, current);
    });
  }

  async getUserTeam(user: UserRef): Promise<TeamInfo | null> {
    const c = ck(user.community);
    const key = this.get<{ team_key: string }>('SELECT team_key FROM team_members WHERE community = ? AND user_id = ?', c, user.userId)?.team_key;
    return key === undefined ? null : this.teamInfo(c, key);
  }

  async listTeams(c: Community): Promise<TeamInfo[]> {
    const rows = this.sql.stmt('SELECT team_key, name, members FROM teams WHERE community = ? AND members > 0').all(ck(c)) as { team_key: string; name: string; members: number }[];
    return rows.map((r) => ({ key: r.team_key, name: r.name, members: r.members }));
  }

  async teamMembers(c: Community, teamKey: string): Promise<{ id: string; name: string }[]> {
    const rows = this.sql
      .stmt('SELECT m.user_id AS id, n.name FROM team_members m LEFT JOIN names n ON n.community = m.community AND n.user_id = m.user_id WHERE m.community = ? AND m.team_key = ?')
      .all(ck(c), teamKey) as { id: string; name: string | null }[];
    return rows.map((r) => ({ id: r.id, name: r.name ?? r.id }));
  }

  async getDisplayName(c: Community, userId: string): Promise<string | null> {
    return this.get<{ name: string }>('SELECT name FROM names WHERE community = ? AND user_id = ?', ck(c), userId)?.name ?? null;
  }

  async getSettings(c: Community): Promise<CommunitySettings> {
    return { timeZone: this.get<{ value: string }>("SELECT value FROM settings WHERE community = ? AND field = 'timeZone'", ck(c))?.value };
  }

  async updateSettings(c: Community, patch: CommunitySettings, onlyIfUnset = false): Promise<CommunitySettings> {
    const verb = onlyIfUnset ? 'INSERT OR IGNORE' : 'INSERT OR REPLACE';
    await this.sql.write(() => {
      for (const [field, value] of Object.entries(patch)) {
        if (value !== undefined) this.run(`${verb} INTO settings (community, field, value) VALUES (?, ?, ?)`, ck(c), field, String(value));
      }
    });
    return this.getSettings(c);
  }

  async saveSchedule(c: Community, schedule: DailySchedule): Promise<void> {
    await this.sql.write(() => this.run('INSERT OR REPLACE INTO schedules (community, channel_id, body) VALUES (?, ?, ?)', ck(c), schedule.channelId, JSON.stringify(schedule)));
  }

  async getSchedule(c: Community, channelId: string): Promise<DailySchedule | null> {
    const row = this.get<{ body: string }>('SELECT body FROM schedules WHERE community = ? AND channel_id = ?', ck(c), channelId);
    return row ? (JSON.parse(row.body) as DailySchedule) : null;
  }

  async deleteSchedule(c: Community, channelId: string): Promise<boolean> {
    return (await this.sql.write(() => this.run('DELETE FROM schedules WHERE community = ? AND channel_id = ?', ck(c), channelId))) > 0;
  }

  async allSchedules(): Promise<ScheduledChannel[]> {
    const rows = this.sql.stmt('SELECT community, body FROM schedules').all() as { community: string; body: string }[];
    return rows.map((r) => {
      const colon = r.community.indexOf(':');
      const community = { platform: r.community.slice(0, colon) as Platform, id: r.community.slice(colon + 1) };
      return { community, schedule: JSON.parse(r.body) as DailySchedule };
    });
  }

  private slotRow(c: string, channelId: string, slot: string): DailySlot | null {
    const r = this.get<Record<string, string | number | null>>(
      'SELECT * FROM slots WHERE community = ? AND channel_id = ? AND slot = ? AND expires_at > ?',
      c, channelId, slot, this.now,
    );
    if (!r) return null;
    const opt = <T>(v: unknown) => (v === null ? undefined : (v as T));
    return {
      state: r['state'] as DailySlot['state'],
      token: String(r['token']),
      claimedAt: Number(r['claimed_at']),
      deliveryId: opt<string>(r['delivery_id']),
      messageId: opt<string>(r['message_id']),
      postedAt: opt<number>(r['posted_at']),
      revealAt: opt<number>(r['reveal_at']),
    };
  }

  /** The steps of lua/claim-slot-1.lua with the rule of core/answer-rules.ts, in one transaction. */
  async claimSlot(c: Community, channelId: string, slot: string, phase: SlotPhase, claim: { token: string; now: number; staleBefore: number; ttlMs: number }): Promise<boolean> {
    const k = ck(c);
    return this.sql.write(() => {
      const current = this.slotRow(k, channelId, slot);
      if (!maySlotBeClaimed(current, phase, claim.staleBefore)) return false;
      if (current === null) this.run('DELETE FROM slots WHERE community = ? AND channel_id = ? AND slot = ?', k, channelId, slot); // an expired one
      this.run(
        'INSERT INTO slots (community, channel_id, slot, state, token, claimed_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?) ' +
          'ON CONFLICT DO UPDATE SET state = excluded.state, token = excluded.token, claimed_at = excluded.claimed_at, expires_at = excluded.expires_at',
        k, channelId, slot, SLOT_PHASES[phase].busy, claim.token, claim.now, this.now + claim.ttlMs,
      );
      return true;
    });
  }

  /** The compare-and-set of lua/finish-slot-1.lua. */
  async finishSlot(c: Community, channelId: string, slot: string, phase: SlotPhase, token: string, fields: Partial<DailySlot>): Promise<boolean> {
    const { busy, done } = SLOT_PHASES[phase];
    const changed = await this.sql.write(() =>
      this.run(
        'UPDATE slots SET state = ?, delivery_id = COALESCE(?, delivery_id), message_id = COALESCE(?, message_id), ' +
          'posted_at = COALESCE(?, posted_at), reveal_at = COALESCE(?, reveal_at) ' +
          'WHERE community = ? AND channel_id = ? AND slot = ? AND token = ? AND state = ? AND expires_at > ?',
        done, fields.deliveryId ?? null, fields.messageId ?? null, fields.postedAt ?? null, fields.revealAt ?? null,
        ck(c), channelId, slot, token, busy, this.now,
      ),
    );
    return changed > 0;
  }

  async getSlot(c: Community, channelId: string, slot: string): Promise<DailySlot | null> {
    return this.slotRow(ck(c), channelId, slot);
  }

  async usedDailyQuestions(c: Community, channelId: string): Promise<string[]> {
    const rows = this.sql.stmt('SELECT question_id FROM daily_used WHERE community = ? AND channel_id = ?').all(ck(c), channelId) as { question_id: string }[];
    return rows.map((r) => r.question_id);
  }

  async markDailyQuestionUsed(c: Community, channelId: string, questionId: string, reset: boolean): Promise<void> {
    await this.sql.write(() => {
      if (reset) this.run('DELETE FROM daily_used WHERE community = ? AND channel_id = ?', ck(c), channelId);
      this.run('INSERT OR IGNORE INTO daily_used (community, channel_id, question_id) VALUES (?, ?, ?)', ck(c), channelId, questionId);
    });
  }

  /** Deletes expired rows now (a sweep also runs every minute); returns how many went. */
  async sweepExpired(): Promise<number> {
    return this.sweeper.sweep();
  }

  /** The data folder and the bytes its database files take, for /readyz. */
  async storageInfo(): Promise<{ dataDir: string; bytes: number }> {
    return { dataDir: this.dataDir, bytes: await folderBytes(this.dataDir) };
  }

  /** Throws while writes fail (a throttled write probe; see SqliteDatabase.checkWritable). */
  async ping(): Promise<void> {
    await this.sql.checkWritable();
  }

  async close(): Promise<void> {
    await this.sweeper.stop();
    this.sql.close();
  }
}

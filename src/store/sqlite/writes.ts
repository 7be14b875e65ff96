import { answerPoints, boardUpdates, maySlotBeClaimed, nextStreak, pushRecentList, scoreWindow, zoneChanged } from '../../core/answer-rules.js';
import type { AnswerInput, AnswerOutcome } from '../../core/answer-rules.js';
import { SLOT_PHASES, type DailySchedule, type DailySlot, type SlotPhase } from '../../core/daily/schedule.js';
import { communityKey as ck, type Community, type CommunitySettings, type UserRef } from '../../core/identity.js';
import type { Delivery } from '../../core/quiz/delivery.js';
import type { JoinTeamOutcome, TeamInfo } from '../../core/team.js';
import { addToBoard } from './boards.js';
import type { SqliteDatabase } from './database.js';
import { recentOf, slotOf, streakOf, teamInfo, teamOf } from './rows.js';
import { SESSION_WRITES } from './session-writes.js';
import { sweepBatch } from './sweeper.js';
import { GRADING_WRITES } from './grading-writes.js';
import { CARD_WRITES, reviewAnswer } from './card-writes.js';
import { REMINDER_WRITES } from './reminder-writes.js';
import { countDay } from './activity-writes.js';
import { PACK_WRITES } from './pack-writes.js';

/**
 * Every change the store makes, each one transaction run by the writer thread. `now` comes from
 * the main thread's clock. Each applies the rules of core/answer-rules.ts, step for step like the
 * Lua script named, so all stores behave alike (pinned by test/contract/rule-cases.ts).
 */

function saveDelivery(sql: SqliteDatabase, now: number, c: Community, d: Delivery): void {
  sql.run('INSERT OR REPLACE INTO deliveries (community, id, body, expires_at) VALUES (?, ?, ?, ?)', ck(c), d.id, JSON.stringify(d), now + Math.max(1, d.expiresAt - d.createdAt));
}

function markHint(sql: SqliteDatabase, now: number, c: Community, deliveryId: string, userId: string, ttlMs: number): boolean {
  const had = sql.get('SELECT 1 FROM hints WHERE community = ? AND delivery_id = ? AND user_id = ? AND expires_at > ?', ck(c), deliveryId, userId, now);
  sql.run('INSERT OR REPLACE INTO hints (community, delivery_id, user_id, expires_at) VALUES (?, ?, ?, ?)', ck(c), deliveryId, userId, now + ttlMs);
  return had === undefined;
}

/** lua/record-answer-1.lua. */
function recordAnswer(sql: SqliteDatabase, now: number, a: AnswerInput): AnswerOutcome {
  const c = ck(a.user.community);
  const u = a.user.userId;
  const moved = zoneChanged(sql.get<{ value: string }>("SELECT value FROM settings WHERE community = ? AND field = 'timeZone'", c)?.value, a.expectedZone);
  if (moved) return moved;
  const set = sql.get<{ exp: number }>('SELECT expires_at AS exp FROM answer_sets WHERE community = ? AND delivery_id = ?', c, a.deliveryId);
  // Answers of an expired set are gone, as the expired Redis keys would be.
  if (!set || set.exp <= now) sql.run('DELETE FROM answers WHERE community = ? AND delivery_id = ?', c, a.deliveryId);
  const first = sql.run('INSERT OR IGNORE INTO answers (community, delivery_id, user_id, correct, at, submission) VALUES (?, ?, ?, ?, ?, ?)', c, a.deliveryId, u, a.correct ? 1 : 0, a.now, a.submission ?? null);
  if (first === 0) {
    // The same submission again gets the first one's outcome; anything else is a duplicate.
    const prev = sql.get<{ submission: string | null; outcome: string | null }>('SELECT submission, outcome FROM answers WHERE community = ? AND delivery_id = ? AND user_id = ?', c, a.deliveryId, u);
    return a.submission && prev?.submission === a.submission && prev.outcome ? (JSON.parse(prev.outcome) as AnswerOutcome) : { status: 'duplicate' };
  }
  sql.run('INSERT OR REPLACE INTO answer_sets (community, delivery_id, expires_at) VALUES (?, ?, ?)', c, a.deliveryId, now + a.deliveryTtlMs);

  const hintUsed = sql.get('SELECT 1 FROM hints WHERE community = ? AND delivery_id = ? AND user_id = ? AND expires_at > ?', c, a.deliveryId, u, now) !== undefined;
  const mark = sql.get<{ until: number }>('SELECT until FROM scored WHERE community = ? AND user_id = ? AND question_id = ?', c, u, a.questionId);
  const window = scoreWindow(mark?.until ?? null, a.now, a.scoreWindowMs);
  if (window.scored) sql.run('INSERT OR REPLACE INTO scored (community, user_id, question_id, until) VALUES (?, ?, ?, ?)', c, u, a.questionId, window.markedUntil);
  const points = answerPoints(a.basePoints, hintUsed, window.scored);

  const correct = a.correct ? 1 : 0;
  sql.run(
    'INSERT INTO user_stats (community, user_id, answered, correct, points) VALUES (?, ?, 1, ?, ?) ' +
      'ON CONFLICT DO UPDATE SET answered = answered + 1, correct = correct + excluded.correct, points = points + excluded.points',
    c, u, correct, points,
  );
  sql.run(
    'INSERT INTO topic_stats (community, user_id, topic, answered, correct) VALUES (?, ?, ?, 1, ?) ' +
      'ON CONFLICT DO UPDATE SET answered = answered + 1, correct = correct + excluded.correct',
    c, u, a.topic, correct,
  );

  const streak = nextStreak(streakOf(sql, c, u), a.day);
  sql.run('INSERT OR REPLACE INTO streaks (community, user_id, current, best, last_day) VALUES (?, ?, ?, ?, ?)', c, u, streak.current, streak.best, streak.lastDay);
  for (const b of boardUpdates(a, teamOf(sql, c, u) ?? null)) addToBoard(sql, c, b, points, now);
  sql.run('INSERT OR REPLACE INTO names (community, user_id, name) VALUES (?, ?, ?)', c, u, a.user.displayName);
  if (a.activity) countDay(sql, now, a.user, a.day, a.activity.keepDays, a.activity.ttlMs);
  const outcome: AnswerOutcome = { status: 'recorded', points, hintUsed, scored: window.scored, streak };
  if (a.submission) sql.run('UPDATE answers SET outcome = ? WHERE community = ? AND delivery_id = ? AND user_id = ?', JSON.stringify(outcome), c, a.deliveryId, u);
  if (a.review) reviewAnswer(sql, a.user, a.review, hintUsed);
  return outcome;
}

function pushRecent(sql: SqliteDatabase, _now: number, user: UserRef, questionId: string, keep: number): void {
  const c = ck(user.community);
  const next = pushRecentList(recentOf(sql, c, user.userId), questionId, keep);
  sql.run('INSERT OR REPLACE INTO recent (community, user_id, questions) VALUES (?, ?, ?)', c, user.userId, JSON.stringify(next));
}

/** lua/join-team-5.lua. */
function joinTeam(sql: SqliteDatabase, _now: number, user: UserRef, teamKey: string, teamName: string): JoinTeamOutcome {
  const c = ck(user.community);
  const current = teamOf(sql, c, user.userId);
  if (current !== undefined) return { status: current === teamKey ? 'already-member' : 'in-other-team', team: teamInfo(sql, c, current) };
  const existing = sql.get<{ members: number }>('SELECT members FROM teams WHERE community = ? AND team_key = ?', c, teamKey);
  // A team nobody is in any more is created afresh, under the name its new first member gives.
  const created = existing === undefined || existing.members === 0;
  if (created) sql.run('INSERT OR REPLACE INTO teams (community, team_key, name, members) VALUES (?, ?, ?, 0)', c, teamKey, teamName);
  sql.run('UPDATE teams SET members = members + 1 WHERE community = ? AND team_key = ?', c, teamKey);
  sql.run('INSERT INTO team_members (community, user_id, team_key) VALUES (?, ?, ?)', c, user.userId, teamKey);
  sql.run('INSERT OR REPLACE INTO names (community, user_id, name) VALUES (?, ?, ?)', c, user.userId, user.displayName);
  return { status: 'joined', created, team: teamInfo(sql, c, teamKey) };
}

/** lua/leave-team-4.lua. */
function leaveTeam(sql: SqliteDatabase, _now: number, user: UserRef): TeamInfo | null {
  const c = ck(user.community);
  const current = teamOf(sql, c, user.userId);
  if (current === undefined) return null;
  sql.run('DELETE FROM team_members WHERE community = ? AND user_id = ?', c, user.userId);
  sql.run('UPDATE teams SET members = MAX(members - 1, 0) WHERE community = ? AND team_key = ?', c, current);
  return teamInfo(sql, c, current);
}

function updateSettings(sql: SqliteDatabase, _now: number, c: Community, patch: CommunitySettings, onlyIfUnset: boolean): void {
  const verb = onlyIfUnset ? 'INSERT OR IGNORE' : 'INSERT OR REPLACE';
  for (const [field, value] of Object.entries(patch)) {
    if (value !== undefined) sql.run(`${verb} INTO settings (community, field, value) VALUES (?, ?, ?)`, ck(c), field, String(value));
  }
}

function saveSchedule(sql: SqliteDatabase, _now: number, c: Community, schedule: DailySchedule): void {
  sql.run('INSERT OR REPLACE INTO schedules (community, channel_id, body) VALUES (?, ?, ?)', ck(c), schedule.channelId, JSON.stringify(schedule));
}

function deleteSchedule(sql: SqliteDatabase, _now: number, c: Community, channelId: string): boolean {
  return sql.run('DELETE FROM schedules WHERE community = ? AND channel_id = ?', ck(c), channelId) > 0;
}

/** lua/claim-slot-1.lua. */
function claimSlot(sql: SqliteDatabase, now: number, c: Community, channelId: string, slot: string, phase: SlotPhase, claim: { token: string; now: number; staleBefore: number; ttlMs: number }): boolean {
  const k = ck(c);
  const current = slotOf(sql, k, channelId, slot, now);
  if (!maySlotBeClaimed(current, phase, claim.staleBefore)) return false;
  if (current === null) sql.run('DELETE FROM slots WHERE community = ? AND channel_id = ? AND slot = ?', k, channelId, slot); // an expired one
  sql.run(
    'INSERT INTO slots (community, channel_id, slot, state, token, claimed_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?) ' +
      'ON CONFLICT DO UPDATE SET state = excluded.state, token = excluded.token, claimed_at = excluded.claimed_at, expires_at = excluded.expires_at',
    k, channelId, slot, SLOT_PHASES[phase].busy, claim.token, claim.now, now + claim.ttlMs,
  );
  return true;
}

/** lua/finish-slot-1.lua: a compare-and-set on the claim's token and state. */
function finishSlot(sql: SqliteDatabase, now: number, c: Community, channelId: string, slot: string, phase: SlotPhase, token: string, fields: Partial<DailySlot>): boolean {
  const { busy, done } = SLOT_PHASES[phase];
  const changed = sql.run(
    'UPDATE slots SET state = ?, delivery_id = COALESCE(?, delivery_id), message_id = COALESCE(?, message_id), ' +
      'posted_at = COALESCE(?, posted_at), reveal_at = COALESCE(?, reveal_at) ' +
      'WHERE community = ? AND channel_id = ? AND slot = ? AND token = ? AND state = ? AND expires_at > ?',
    done, fields.deliveryId ?? null, fields.messageId ?? null, fields.postedAt ?? null, fields.revealAt ?? null,
    ck(c), channelId, slot, token, busy, now,
  );
  return changed > 0;
}

/** As RedisStore.releaseSlot: the claim's time zeroed, so any caller may take it at once. */
function releaseSlot(sql: SqliteDatabase, now: number, c: Community, channelId: string, slot: string, phase: SlotPhase, token: string): boolean {
  const changed = sql.run(
    'UPDATE slots SET claimed_at = 0 WHERE community = ? AND channel_id = ? AND slot = ? AND token = ? AND state = ? AND expires_at > ?',
    ck(c), channelId, slot, token, SLOT_PHASES[phase].busy, now,
  );
  return changed > 0;
}

function markDailyQuestionUsed(sql: SqliteDatabase, _now: number, c: Community, channelId: string, questionId: string, reset: boolean): void {
  if (reset) sql.run('DELETE FROM daily_used WHERE community = ? AND channel_id = ?', ck(c), channelId);
  sql.run('INSERT OR IGNORE INTO daily_used (community, channel_id, question_id) VALUES (?, ?, ?)', ck(c), channelId, questionId);
}

/**
 * The /readyz write probe: asks for room for a new page (rolled back, so the file does not grow)
 * and commits one small row, so it fails when the disk or file is full, read-only or failing.
 */
function probe(sql: SqliteDatabase, now: number): void {
  const rolledBack = new Error('probe rollback');
  try {
    // A nested transaction is a savepoint; throwing out of it rolls the page back.
    sql.db.transaction(() => {
      sql.run("INSERT OR REPLACE INTO meta (key, value) VALUES ('probe-space', zeroblob(8192))");
      throw rolledBack;
    })();
  } catch (err) {
    if (err !== rolledBack) throw err;
  }
  sql.run("INSERT OR REPLACE INTO meta (key, value) VALUES ('probe', ?)", String(now));
}

export const WRITES = {
  saveDelivery, markHint, recordAnswer, pushRecent, joinTeam, leaveTeam, updateSettings, saveSchedule, deleteSchedule,
  claimSlot, finishSlot, releaseSlot, markDailyQuestionUsed, probe, sweepBatch, ...SESSION_WRITES, ...GRADING_WRITES, ...CARD_WRITES,
  ...REMINDER_WRITES,
  ...PACK_WRITES,
};

export type Writes = typeof WRITES;
export type WriteOp = keyof Writes;
/** The arguments of a write as the main thread sends them: everything after the connection. */
export type WriteArgs<K extends WriteOp> = Parameters<Writes[K]> extends [SqliteDatabase, ...infer R] ? R : never;

import { communityKey as ck, type UserRef } from '../../core/identity.js';
import { topicProgress, type CardRecord, type ReviewTally, type TopicProgress } from '../../core/learning/card.js';
import type { CardSave, ReviewOutcome } from '../../core/learning/card-store.js';
import type { SqliteDatabase } from './database.js';

/** The card writes (migration 0005), one transaction each in the writer thread like writes.ts. */

/** lua/save-card-3.lua: compare-and-set on reps; card, due date and tally together. */
function saveCard(sql: SqliteDatabase, _now: number, user: UserRef, card: CardRecord, expectedReps: number, tally?: { recalled: boolean }): boolean {
  return saveReview(sql, user, { card, tally }, expectedReps).saved;
}

/** saveCard inside the caller's transaction: recordAnswer saves an answer's review with it (lua/record-answer-1.lua). */
export function saveReview(sql: SqliteDatabase, user: UserRef, { card, tally }: CardSave, expectedReps: number): ReviewOutcome {
  const c = ck(user.community);
  const stored = sql.get<{ reps: number; body: string }>('SELECT reps, body FROM cards WHERE community = ? AND user_id = ? AND question_id = ?', c, user.userId, card.questionId);
  if ((stored?.reps ?? 0) !== expectedReps) return { saved: false, stored: stored ? (JSON.parse(stored.body) as CardRecord) : null };
  sql.run(
    'INSERT OR REPLACE INTO cards (community, user_id, question_id, due, reps, body) VALUES (?, ?, ?, ?, ?, ?)',
    c, user.userId, card.questionId, card.due, card.reps, JSON.stringify(card),
  );
  if (tally) {
    sql.run(
      'INSERT INTO review_tallies (community, user_id, reviews, recalled) VALUES (?, ?, 1, ?) ' +
        'ON CONFLICT DO UPDATE SET reviews = reviews + 1, recalled = recalled + excluded.recalled',
      c, user.userId, tally.recalled ? 1 : 0,
    );
  }
  return { saved: true, card };
}

export const CARD_WRITES = { saveCard };

/** Reads, on the main thread's read-only connection. */
const parse = (rows: { body: string }[]) => rows.map((r) => JSON.parse(r.body) as CardRecord);

export const cardReads = {
  get(sql: SqliteDatabase, user: UserRef, questionId: string): CardRecord | null {
    const row = sql.get<{ body: string }>('SELECT body FROM cards WHERE community = ? AND user_id = ? AND question_id = ?', ck(user.community), user.userId, questionId);
    return row ? (JSON.parse(row.body) as CardRecord) : null;
  },
  due(sql: SqliteDatabase, user: UserRef, until: number, limit: number): CardRecord[] {
    return parse(
      sql.all<{ body: string }>(
        'SELECT body FROM cards WHERE community = ? AND user_id = ? AND due <= ? ORDER BY due, question_id LIMIT ?',
        ck(user.community), user.userId, until, limit,
      ),
    );
  },
  countDue(sql: SqliteDatabase, user: UserRef, until: number): number {
    return sql.get<{ n: number }>('SELECT COUNT(*) AS n FROM cards WHERE community = ? AND user_id = ? AND due <= ?', ck(user.community), user.userId, until)?.n ?? 0;
  },
  ids(sql: SqliteDatabase, user: UserRef): string[] {
    return sql.all<{ id: string }>('SELECT question_id AS id FROM cards WHERE community = ? AND user_id = ?', ck(user.community), user.userId).map((r) => r.id);
  },
  topics(sql: SqliteDatabase, user: UserRef, since: number): Record<string, TopicProgress> {
    return topicProgress(parse(sql.all<{ body: string }>('SELECT body FROM cards WHERE community = ? AND user_id = ?', ck(user.community), user.userId)), since);
  },
  tally(sql: SqliteDatabase, user: UserRef): ReviewTally {
    const row = sql.get<ReviewTally>('SELECT reviews, recalled FROM review_tallies WHERE community = ? AND user_id = ?', ck(user.community), user.userId);
    return { reviews: row?.reviews ?? 0, recalled: row?.recalled ?? 0 };
  },
};

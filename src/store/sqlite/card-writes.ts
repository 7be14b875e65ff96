import { communityKey as ck, type UserRef } from '../../core/identity.js';
import { topicProgress, type CardRecord, type ReviewTally, type TopicProgress } from '../../core/learning/card.js';
import type { AnswerReview } from '../../core/learning/card-store.js';
import { answerReview } from '../../core/learning/answer-review.js';
import type { SqliteDatabase } from './database.js';

/** The card writes (migration 0005), one transaction each in the writer thread like writes.ts. */

/** lua/save-card-3.lua: compare-and-set on reps; card, due date and tally together. */
function saveCard(sql: SqliteDatabase, _now: number, user: UserRef, card: CardRecord, expectedReps: number, tally?: { recalled: boolean }): boolean {
  const stored = sql.get<{ reps: number }>('SELECT reps FROM cards WHERE community = ? AND user_id = ? AND question_id = ?', ck(user.community), user.userId, card.questionId);
  if ((stored?.reps ?? 0) !== expectedReps) return false;
  write(sql, user, card, tally);
  return true;
}

/** An answer's review inside the caller's transaction: recordAnswer reviews with the answer. */
export function reviewAnswer(sql: SqliteDatabase, user: UserRef, review: AnswerReview, usedHint: boolean): void {
  const save = answerReview(cardReads.get(sql, user, review.questionId), review, usedHint);
  if (save) write(sql, user, save.card, save.tally);
}

function write(sql: SqliteDatabase, user: UserRef, card: CardRecord, tally: { recalled: boolean } | undefined): void {
  const c = ck(user.community);
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

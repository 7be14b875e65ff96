import type { AnswerResultRecord, UserStatsRecord } from '../core/store.js';

/** Turns the flat stats hash (answered, correct, points, a:TOPIC, c:TOPIC) into a record. */
export function parseStats(h: Record<string, string>): UserStatsRecord {
  const byTopic: UserStatsRecord['byTopic'] = {};
  for (const [field, value] of Object.entries(h)) {
    const m = /^([ac]):(.+)$/.exec(field);
    if (!m) continue;
    const t = (byTopic[m[2]!] ??= { answered: 0, correct: 0 });
    if (m[1] === 'a') t.answered = Number(value);
    else t.correct = Number(value);
  }
  return { answered: Number(h['answered'] ?? 0), correct: Number(h['correct'] ?? 0), points: Number(h['points'] ?? 0), byTopic };
}

/** "userId|correct|at" as written by the record-answer script. */
export function parseResult(row: string): AnswerResultRecord {
  const [userId = '', correct = '0', at = '0'] = row.split('|');
  return { userId, correct: correct === '1', at: Number(at) };
}

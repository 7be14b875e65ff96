import type { AnswerOutcome, AnswerResultRecord, UserStatsRecord } from '../core/answer-rules.js';
import type { DailySlot } from '../core/daily/schedule.js';
import type { TokenUsage } from '../core/grading/grading-usage.js';
import type { Community } from '../core/identity.js';

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

/** "userId|correct|at" as written by the record-answer script (what may follow: the submission and outcome). */
export function parseResult(row: string): AnswerResultRecord {
  const [userId = '', correct = '0', at = '0'] = row.split('|', 3);
  return { userId, correct: correct === '1', at: Number(at) };
}

export function parseSlot(h: Record<string, string>): DailySlot | null {
  if (!h['state']) return null;
  const num = (k: string) => (h[k] === undefined ? undefined : Number(h[k]));
  return {
    state: h['state'] as DailySlot['state'],
    token: h['token'] ?? '',
    claimedAt: Number(h['claimedAt'] ?? 0),
    deliveryId: h['deliveryId'],
    messageId: h['messageId'],
    postedAt: num('postedAt'),
    revealAt: num('revealAt'),
  };
}

/** The schedule index member "platform:id|channelId" and back. */
export const indexMember = (communityKey: string, channelId: string) => `${communityKey}|${channelId}`;
export function parseIndexMember(m: string): { community: Community; channelId: string } | null {
  const bar = m.lastIndexOf('|');
  const colon = m.indexOf(':');
  if (bar < 0 || colon < 0 || colon > bar) return null;
  return { community: { platform: m.slice(0, colon), id: m.slice(colon + 1, bar) }, channelId: m.slice(bar + 1) };
}

/** Field/value pairs of the defined entries, for HSET. */
export const definedFields = (o: Record<string, string | number | undefined>): string[] =>
  Object.entries(o).flatMap(([k, v]) => (v === undefined ? [] : [k, String(v)]));

/** Token counters from a hash (Redis, MemoryStore) of calls, promptTokens, completionTokens. */
export function parseUsage(h: Record<string, string>): TokenUsage {
  return { calls: Number(h['calls'] ?? 0), promptTokens: Number(h['promptTokens'] ?? 0), completionTokens: Number(h['completionTokens'] ?? 0) };
}

/** An activity hash (day -> count, as strings) restricted to [fromDay, toDay]. */
export function activityCounts(hash: Record<string, string>, fromDay: number, toDay: number): Map<number, number> {
  const out = new Map<number, number>();
  for (const [f, v] of Object.entries(hash)) {
    const day = Number(f);
    if (day >= fromDay && day <= toDay && Number(v) > 0) out.set(day, Number(v));
  }
  return out;
}

/** record-answer-1.lua's reply: zone changed, duplicate, a repeat's stored outcome, or a fresh one. */
export function parseRecordReply(reply: (number | string)[]): AnswerOutcome {
  if (reply[0] === 3) return { status: 'zone-changed', zone: String(reply[1]) };
  if (reply[0] === 0) return { status: 'duplicate' };
  return recordedOutcome((reply[0] === 2 ? String(reply[1]).split('|') : reply.slice(1, 7)).map(Number));
}

/** The script's "points, hint, scored, current, best, lastDay", fresh or stored for a repeat. */
function recordedOutcome(v: number[]): Extract<AnswerOutcome, { status: 'recorded' }> {
  const [points = 0, hint = 0, scored = 0, current = 0, best = 0, lastDay = -1] = v;
  return { status: 'recorded', points, hintUsed: hint === 1, scored: scored === 1, streak: { current, best, lastDay } };
}

import { communityKey as ck, type Community } from '../../core/identity.js';
import { reportDecision, type OpenReports, type PackSummary, type QuestionReport, type ReportInput, type ReportOutcome, type SavePackOutcome, type StoredPack } from '../../core/packs/pack.js';
import type { SqliteDatabase } from './database.js';
import { summaryJson } from '../pack-records.js';

/** Packs and reports (migration 0008): writes run in the writer thread, one transaction each, as lua/save-pack-3.lua and lua/add-report-4.lua. */

function savePack(sql: SqliteDatabase, _now: number, c: Community, pack: StoredPack, maxPacks: number): SavePackOutcome {
  const key = ck(c);
  const exists = sql.get('SELECT 1 FROM packs WHERE community = ? AND name = ?', key, pack.name) !== undefined;
  if (!exists && (sql.get<{ n: number }>('SELECT COUNT(*) AS n FROM packs WHERE community = ?', key)?.n ?? 0) >= maxPacks) return 'full';
  sql.run(
    'INSERT INTO packs (community, name, summary, enabled, source, questions) VALUES (?, ?, ?, 1, ?, ?) ' +
      'ON CONFLICT DO UPDATE SET summary = excluded.summary, source = excluded.source, questions = excluded.questions',
    key, pack.name, summaryJson(pack), pack.source, JSON.stringify(pack.questions),
  );
  return exists ? 'replaced' : 'created';
}

function setPackEnabled(sql: SqliteDatabase, _now: number, c: Community, name: string, enabled: boolean): boolean {
  return sql.run('UPDATE packs SET enabled = ? WHERE community = ? AND name = ?', enabled ? 1 : 0, ck(c), name) === 1;
}

function removePack(sql: SqliteDatabase, _now: number, c: Community, name: string): boolean {
  return sql.run('DELETE FROM packs WHERE community = ? AND name = ?', ck(c), name) === 1;
}

function addReport(sql: SqliteDatabase, now: number, c: Community, input: ReportInput): ReportOutcome {
  const key = ck(c);
  const u = input.report.userId;
  const already = sql.get('SELECT 1 FROM question_reports WHERE community = ? AND question_id = ? AND user_id = ?', key, input.questionId, u) !== undefined;
  const rate = sql.get<{ n: number }>('SELECT n FROM report_rates WHERE community = ? AND user_id = ? AND expires_at > ?', key, u, now);
  const before = sql.get<{ n: number }>('SELECT COUNT(*) AS n FROM question_reports WHERE community = ? AND question_id = ?', key, input.questionId)?.n ?? 0;
  const decision = reportDecision(already, rate?.n ?? 0, before, input);
  if (decision.status !== 'added') return decision;
  sql.run('INSERT INTO question_reports (community, question_id, user_id, body) VALUES (?, ?, ?, ?)', key, input.questionId, u, JSON.stringify(input.report));
  if (decision.paused) sql.run('INSERT OR IGNORE INTO paused_questions (community, question_id) VALUES (?, ?)', key, input.questionId);
  // An expired window restarts at 1 with a new end, as an expired Redis counter would.
  if (rate) sql.run('UPDATE report_rates SET n = n + 1 WHERE community = ? AND user_id = ?', key, u);
  else sql.run('INSERT OR REPLACE INTO report_rates (community, user_id, n, expires_at) VALUES (?, ?, 1, ?)', key, u, now + input.rate.windowMs);
  return decision;
}

function resolveReports(sql: SqliteDatabase, _now: number, c: Community, questionId: string): boolean {
  const key = ck(c);
  const reports = sql.run('DELETE FROM question_reports WHERE community = ? AND question_id = ?', key, questionId);
  const paused = sql.run('DELETE FROM paused_questions WHERE community = ? AND question_id = ?', key, questionId);
  return reports + paused > 0;
}

export const PACK_WRITES = { savePack, setPackEnabled, removePack, addReport, resolveReports };

/** Reads, on the main thread's read-only connection. */
export function packSummaries(sql: SqliteDatabase, c: Community): PackSummary[] {
  return sql
    .all<{ summary: string; enabled: number }>('SELECT summary, enabled FROM packs WHERE community = ? ORDER BY name', ck(c))
    .map((r) => ({ ...(JSON.parse(r.summary) as Omit<PackSummary, 'enabled'>), enabled: r.enabled === 1 }));
}

export function storedPack(sql: SqliteDatabase, c: Community, name: string): StoredPack | null {
  const r = sql.get<{ summary: string; enabled: number; source: string; questions: string }>('SELECT summary, enabled, source, questions FROM packs WHERE community = ? AND name = ?', ck(c), name);
  if (!r) return null;
  return { ...(JSON.parse(r.summary) as Omit<PackSummary, 'enabled'>), enabled: r.enabled === 1, source: r.source, questions: JSON.parse(r.questions) as StoredPack['questions'] };
}

export function pausedQuestions(sql: SqliteDatabase, c: Community): string[] {
  return sql.all<{ q: string }>('SELECT question_id AS q FROM paused_questions WHERE community = ?', ck(c)).map((r) => r.q);
}

export function openReports(sql: SqliteDatabase, c: Community): OpenReports[] {
  const paused = new Set(pausedQuestions(sql, c));
  const byQuestion = new Map<string, QuestionReport[]>();
  for (const r of sql.all<{ q: string; body: string }>('SELECT question_id AS q, body FROM question_reports WHERE community = ? ORDER BY question_id', ck(c))) {
    const list = byQuestion.get(r.q) ?? [];
    list.push(JSON.parse(r.body) as QuestionReport);
    byQuestion.set(r.q, list);
  }
  return [...byQuestion].map(([questionId, reports]) => ({ questionId, paused: paused.has(questionId), reports: reports.sort((a, b) => a.at - b.at) }));
}

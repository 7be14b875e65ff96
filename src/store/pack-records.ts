import type { Question } from '../core/bank/schema.js';
import type { OpenReports, PackSummary, QuestionReport, StoredPack } from '../core/packs/pack.js';

/** How packs and reports are written into Redis-shaped keys (RedisStore and MemoryStore share it). */

/** A summary as stored in the packs hash; `enabled` lives in its own set. */
export const summaryJson = (p: StoredPack): string =>
  JSON.stringify({ name: p.name, version: p.version, hash: p.hash, entries: p.entries, format: p.format, importedAt: p.importedAt, importedBy: p.importedBy });

export function parseSummaries(hash: Record<string, string>, off: readonly string[]): PackSummary[] {
  return Object.values(hash)
    .map((raw) => ({ ...(JSON.parse(raw) as Omit<PackSummary, 'enabled'>), enabled: true }))
    .map((p) => ({ ...p, enabled: !off.includes(p.name) }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export function parseStoredPack(summary: PackSummary, body: Record<string, string>): StoredPack | null {
  if (body['source'] === undefined || body['questions'] === undefined) return null;
  return { ...summary, source: body['source'], questions: JSON.parse(body['questions']) as Question[] };
}

export function parseReports(questionId: string, hash: Record<string, string>, paused: boolean): OpenReports {
  const reports = Object.values(hash).map((raw) => JSON.parse(raw) as QuestionReport).sort((a, b) => a.at - b.at);
  return { questionId, paused, reports };
}

import type { Question } from '../bank/schema.js';

/** Limits of one community's packs (issue #16): entries and bytes a pack, packs a community. */
export const PACK_LIMITS = { entries: 500, bytes: 1_000_000, packs: 10 } as const;

/** A pack's name: a slug short enough to travel in a button as a topic. */
export const PACK_NAME = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
export const PACK_NAME_MAX = 24;
/** An entry's own id inside its pack; stored as `pack/id`, which no bank id (a slug) can be. */
export const PACK_ENTRY_ID_MAX = 40;

export const packQuestionId = (pack: string, entryId: string) => `${pack}/${entryId}`;
/** The pack a question id belongs to, or undefined for a bank question. */
export const packOf = (questionId: string): string | undefined => (questionId.includes('/') ? questionId.split('/')[0] : undefined);

export type PackFormat = 'yaml' | 'json';

/** What a list shows of a stored pack; cheap to read, carries the hash the cache is keyed by. */
export interface PackSummary {
  name: string;
  version: string;
  /** sha256 of the pack's source text: a new import of the same name changes it. */
  hash: string;
  enabled: boolean;
  entries: number;
  format: PackFormat;
  importedAt: number;
  importedBy: string;
}

/** A stored pack: its summary, the file as imported (for export) and its validated questions. */
export interface StoredPack extends PackSummary {
  source: string;
  questions: Question[];
}

export type SavePackOutcome = 'created' | 'replaced' | 'full';

/** Why a member reports a question. */
export const REPORT_REASONS = ['wrong-key', 'unclear', 'outdated', 'other'] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];
export const isReportReason = (s: string): s is ReportReason => (REPORT_REASONS as readonly string[]).includes(s);

/** Reports from this many members pause a question in the community until an admin resolves them. */
export const PAUSE_AT_REPORTERS = 3;
/** Reports a member may file per window. */
export const REPORT_RATE = { limit: 5, windowMs: 3_600_000 } as const;
export const REPORT_NOTE_MAX = 300;

export interface QuestionReport {
  userId: string;
  reason: ReportReason;
  note: string;
  at: number;
}

export interface ReportInput {
  questionId: string;
  report: QuestionReport;
  pauseAt: number;
  rate: { limit: number; windowMs: number };
}

export type ReportOutcome = { status: 'added'; reporters: number; paused: boolean } | { status: 'duplicate' } | { status: 'rate-limited' };

export interface OpenReports {
  questionId: string;
  paused: boolean;
  reports: QuestionReport[];
}

/**
 * The rule every store applies atomically when a report arrives: one report per member and
 * question, at most `rate.limit` per member per window, a pause once `pauseAt` members reported.
 * `filed` is how many reports the member filed in the current window before this one.
 */
export function reportDecision(alreadyReported: boolean, filed: number, reportersBefore: number, input: Pick<ReportInput, 'pauseAt' | 'rate'>): ReportOutcome {
  if (alreadyReported) return { status: 'duplicate' };
  if (filed >= input.rate.limit) return { status: 'rate-limited' };
  const reporters = reportersBefore + 1;
  return { status: 'added', reporters, paused: reporters >= input.pauseAt };
}

/** A short, stable stand-in for a question id in a button (FNV-1a, 32 bits, base 36). */
export function questionRef(questionId: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < questionId.length; i++) h = Math.imul(h ^ questionId.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(36);
}

import type { Community } from '../identity.js';
import type { OpenReports, PackSummary, ReportInput, ReportOutcome, SavePackOutcome, StoredPack } from './pack.js';

/** A community's question packs. Every method is scoped to one community. */
export interface PackStore {
  /** Stores the pack, replacing one of the same name (its enabled state kept); 'full' (nothing stored) when a new name would exceed `maxPacks`. Atomic. */
  savePack(c: Community, pack: StoredPack, maxPacks: number): Promise<SavePackOutcome>;
  listPacks(c: Community): Promise<PackSummary[]>;
  getPack(c: Community, name: string): Promise<StoredPack | null>;
  /** False when there is no such pack. */
  setPackEnabled(c: Community, name: string, enabled: boolean): Promise<boolean>;
  removePack(c: Community, name: string): Promise<boolean>;
}

/** Members' reports of wrong or unclear questions, and the questions they paused. */
export interface ReportStore {
  /** Atomically applies reportDecision (src/core/packs/pack.ts): records, counts, pauses. */
  addReport(c: Community, input: ReportInput): Promise<ReportOutcome>;
  openReports(c: Community): Promise<OpenReports[]>;
  /** Clears a question's reports and its pause; false when it had none. */
  resolveReports(c: Community, questionId: string): Promise<boolean>;
  pausedQuestions(c: Community): Promise<string[]>;
}

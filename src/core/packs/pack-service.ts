import { TOPIC_IDS } from '../bank/schema.js';
import type { Community, UserRef } from '../identity.js';
import type { Clock } from '../ports.js';
import { fail, ok, type Result } from '../result.js';
import type { CommunityBanks } from './community-bank.js';
import { PACK_LIMITS, PAUSE_AT_REPORTERS, REPORT_NOTE_MAX, REPORT_RATE, type OpenReports, type PackSummary, type ReportReason, type SavePackOutcome, type StoredPack } from './pack.js';
import { parsePack, type ParsedPack } from './pack-schema.js';
import type { PackStore, ReportStore } from './pack-store.js';
import type { DeliveryStore } from '../delivery-store.js';

export interface PackServiceDeps {
  banks: CommunityBanks;
  deliveries: DeliveryStore;
  packs: PackStore;
  reports: ReportStore;
  clock: Clock;
}

export interface ImportedPack {
  pack: ParsedPack;
  outcome: Exclude<SavePackOutcome, 'full'>;
}

export interface ReportFiled {
  questionId: string;
  reporters: number;
  paused: boolean;
}

/** Community packs (import, list, enable, disable, remove, export), topics, and members' reports. */
export class PackService {
  constructor(private readonly deps: PackServiceDeps) {}

  /** Validates the file and stores it whole, or stores nothing and names every problem. */
  async import(user: UserRef, source: string): Promise<Result<ImportedPack>> {
    const parsed = await parsePack(source);
    if (!parsed.ok) return fail('PACK_INVALID', { problems: parsed.problems });
    const p = parsed.pack;
    const stored: StoredPack = {
      name: p.name,
      version: p.version,
      hash: p.hash,
      enabled: true,
      entries: p.questions.length,
      format: p.format,
      importedAt: this.deps.clock.now(),
      importedBy: user.userId,
      source,
      questions: p.questions,
    };
    const outcome = await this.deps.packs.savePack(user.community, stored, PACK_LIMITS.packs);
    if (outcome === 'full') return fail('PACK_LIMIT', { max: PACK_LIMITS.packs });
    return ok({ pack: p, outcome });
  }

  list(c: Community): Promise<PackSummary[]> {
    return this.deps.packs.listPacks(c);
  }

  async setEnabled(c: Community, name: string, enabled: boolean): Promise<Result<PackSummary>> {
    if (!(await this.deps.packs.setPackEnabled(c, name, enabled))) return this.unknown(c, name);
    const pack = (await this.deps.packs.listPacks(c)).find((p) => p.name === name);
    return pack ? ok(pack) : this.unknown(c, name);
  }

  async remove(c: Community, name: string): Promise<Result<{ name: string }>> {
    return (await this.deps.packs.removePack(c, name)) ? ok({ name }) : this.unknown(c, name);
  }

  async export(c: Community, name: string): Promise<Result<StoredPack>> {
    const pack = await this.deps.packs.getPack(c, name);
    return pack ? ok(pack) : this.unknown(c, name);
  }

  /** Topics with their question counts in this community: the bank's, then its enabled packs'. */
  async topics(c: Community): Promise<Map<string, number>> {
    const bank = await this.deps.banks.for(c);
    const counts = new Map<string, number>();
    for (const q of bank.questions) counts.set(q.topic, (counts.get(q.topic) ?? 0) + 1);
    const order = (t: string) => (TOPIC_IDS as readonly string[]).indexOf(t);
    return new Map([...counts].sort(([a], [b]) => (order(a) === -1 ? 99 : order(a)) - (order(b) === -1 ? 99 : order(b)) || a.localeCompare(b)));
  }

  /** The question of a delivery the member may report: their own, or one posted to everyone. */
  async reportable(user: UserRef, deliveryId: string): Promise<Result<{ questionId: string }>> {
    const d = await this.deps.deliveries.getDelivery(user.community, deliveryId);
    if (!d) return fail('DELIVERY_NOT_FOUND', {});
    if (d.ownerId !== null && d.ownerId !== user.userId) return fail('NOT_YOUR_QUIZ', {});
    return ok({ questionId: d.questionId });
  }

  async reportDelivery(user: UserRef, deliveryId: string, reason: ReportReason, note: string): Promise<Result<ReportFiled>> {
    const target = await this.reportable(user, deliveryId);
    return target.ok ? this.report(user, target.value.questionId, reason, note) : target;
  }

  /** A member reports a problem with a question they were asked. */
  async report(user: UserRef, questionId: string, reason: ReportReason, note: string): Promise<Result<ReportFiled>> {
    const outcome = await this.deps.reports.addReport(user.community, {
      questionId,
      report: { userId: user.userId, reason, note: note.trim().replace(/\s+/g, ' ').slice(0, REPORT_NOTE_MAX), at: this.deps.clock.now() },
      pauseAt: PAUSE_AT_REPORTERS,
      rate: REPORT_RATE,
    });
    if (outcome.status === 'duplicate') return fail('REPORT_DUPLICATE', {});
    if (outcome.status === 'rate-limited') return fail('REPORT_RATE_LIMITED', { limit: REPORT_RATE.limit, windowMinutes: REPORT_RATE.windowMs / 60_000 });
    return ok({ questionId, reporters: outcome.reporters, paused: outcome.paused });
  }

  openReports(c: Community): Promise<OpenReports[]> {
    return this.deps.reports.openReports(c);
  }

  async resolve(c: Community, questionId: string): Promise<Result<{ questionId: string }>> {
    return (await this.deps.reports.resolveReports(c, questionId)) ? ok({ questionId }) : fail('NO_REPORTS', { questionId });
  }

  private async unknown<T>(c: Community, name: string): Promise<Result<T>> {
    return fail('UNKNOWN_PACK', { name, packs: (await this.deps.packs.listPacks(c)).map((p) => p.name) });
  }
}

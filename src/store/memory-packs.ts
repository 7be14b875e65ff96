import type { Community } from '../core/identity.js';
import { reportDecision, type OpenReports, type PackSummary, type ReportInput, type ReportOutcome, type SavePackOutcome, type StoredPack } from '../core/packs/pack.js';
import type { PackStore, ReportStore } from '../core/packs/pack-store.js';
import { communityKeys } from './keys.js';
import type { MemoryKeyspace } from './memory-keyspace.js';
import { parseReports, parseStoredPack, parseSummaries, summaryJson } from './pack-records.js';

/** MemoryStore's packs and reports, laid out as RedisStore's keys; one thread makes each atomic. */
export class MemoryPacks implements PackStore, ReportStore {
  constructor(private readonly ks: MemoryKeyspace) {}

  private k(c: Community) {
    return communityKeys('', c);
  }

  async savePack(c: Community, pack: StoredPack, maxPacks: number): Promise<SavePackOutcome> {
    const k = this.k(c);
    const exists = this.ks.hget(k.packs(), pack.name) !== null;
    if (!exists && Object.keys(this.ks.hgetall(k.packs())).length >= maxPacks) return 'full';
    this.ks.hset(k.packs(), pack.name, summaryJson(pack));
    this.ks.hset(k.packBody(pack.name), 'source', pack.source);
    this.ks.hset(k.packBody(pack.name), 'questions', JSON.stringify(pack.questions));
    return exists ? 'replaced' : 'created';
  }

  async listPacks(c: Community): Promise<PackSummary[]> {
    const k = this.k(c);
    return parseSummaries(this.ks.hgetall(k.packs()), this.ks.smembers(k.packsOff()));
  }

  async getPack(c: Community, name: string): Promise<StoredPack | null> {
    const summary = (await this.listPacks(c)).find((p) => p.name === name);
    return summary ? parseStoredPack(summary, this.ks.hgetall(this.k(c).packBody(name))) : null;
  }

  async setPackEnabled(c: Community, name: string, enabled: boolean): Promise<boolean> {
    const k = this.k(c);
    if (this.ks.hget(k.packs(), name) === null) return false;
    if (enabled) this.ks.srem(k.packsOff(), name);
    else this.ks.sadd(k.packsOff(), name);
    return true;
  }

  async removePack(c: Community, name: string): Promise<boolean> {
    const k = this.k(c);
    if (this.ks.hget(k.packs(), name) === null) return false;
    this.ks.hdel(k.packs(), name);
    this.ks.del(k.packBody(name));
    this.ks.srem(k.packsOff(), name);
    return true;
  }

  async addReport(c: Community, input: ReportInput): Promise<ReportOutcome> {
    const k = this.k(c);
    const key = k.reports(input.questionId);
    const rateKey = k.reportRate(input.report.userId);
    const existing = this.ks.hgetall(key);
    const decision = reportDecision(existing[input.report.userId] !== undefined, Number(this.ks.hget(rateKey, 'n') ?? 0), Object.keys(existing).length, input);
    if (decision.status !== 'added') return decision;
    this.ks.hset(key, input.report.userId, JSON.stringify(input.report));
    this.ks.sadd(k.reported(), input.questionId);
    if (decision.paused) this.ks.sadd(k.paused(), input.questionId);
    if (this.ks.hincrby(rateKey, 'n', 1) === 1) this.ks.pexpire(rateKey, input.rate.windowMs);
    return decision;
  }

  async openReports(c: Community): Promise<OpenReports[]> {
    const k = this.k(c);
    const paused = new Set(this.ks.smembers(k.paused()));
    return this.ks
      .smembers(k.reported())
      .sort()
      .map((id) => parseReports(id, this.ks.hgetall(k.reports(id)), paused.has(id)))
      .filter((r) => r.reports.length > 0);
  }

  async resolveReports(c: Community, questionId: string): Promise<boolean> {
    const k = this.k(c);
    const had = this.ks.sismember(k.reported(), questionId) || this.ks.sismember(k.paused(), questionId);
    this.ks.del(k.reports(questionId));
    this.ks.srem(k.reported(), questionId);
    this.ks.srem(k.paused(), questionId);
    return had;
  }

  async pausedQuestions(c: Community): Promise<string[]> {
    return this.ks.smembers(this.k(c).paused());
  }
}

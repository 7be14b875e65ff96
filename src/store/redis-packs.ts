import type { Community } from '../core/identity.js';
import type { OpenReports, PackSummary, ReportInput, ReportOutcome, SavePackOutcome, StoredPack } from '../core/packs/pack.js';
import type { PackStore, ReportStore } from '../core/packs/pack-store.js';
import { communityKeys } from './keys.js';
import type { ScriptCommands } from './lua-scripts.js';
import { parseReports, parseStoredPack, parseSummaries, summaryJson } from './pack-records.js';
import type { Cluster, Redis } from 'ioredis';

type Client = (Redis | Cluster) & ScriptCommands;

/** RedisStore's packs and reports: every key under the community's hash tag; the atomic steps are Lua. */
export class RedisPacks implements PackStore, ReportStore {
  constructor(
    private readonly redis: Client,
    private readonly prefix: string,
  ) {}

  private k(c: Community) {
    return communityKeys(this.prefix, c);
  }

  async savePack(c: Community, pack: StoredPack, maxPacks: number): Promise<SavePackOutcome> {
    const k = this.k(c);
    return (await this.redis.savePack(k.packs(), k.packBody(pack.name), k.packsOff(), pack.name, summaryJson(pack), pack.source, JSON.stringify(pack.questions), maxPacks)) as SavePackOutcome;
  }

  async listPacks(c: Community): Promise<PackSummary[]> {
    const k = this.k(c);
    const [hash, off] = await Promise.all([this.redis.hgetall(k.packs()), this.redis.smembers(k.packsOff())]);
    return parseSummaries(hash, off);
  }

  async getPack(c: Community, name: string): Promise<StoredPack | null> {
    const summary = (await this.listPacks(c)).find((p) => p.name === name);
    return summary ? parseStoredPack(summary, await this.redis.hgetall(this.k(c).packBody(name))) : null;
  }

  async setPackEnabled(c: Community, name: string, enabled: boolean): Promise<boolean> {
    const k = this.k(c);
    if ((await this.redis.hexists(k.packs(), name)) !== 1) return false;
    await (enabled ? this.redis.srem(k.packsOff(), name) : this.redis.sadd(k.packsOff(), name));
    return true;
  }

  async removePack(c: Community, name: string): Promise<boolean> {
    const k = this.k(c);
    const replies = (await this.redis.multi().hdel(k.packs(), name).del(k.packBody(name)).srem(k.packsOff(), name).exec()) as [unknown, number][];
    return replies[0]?.[1] === 1;
  }

  async addReport(c: Community, input: ReportInput): Promise<ReportOutcome> {
    const k = this.k(c);
    const reply = (await this.redis.addReport(
      k.reports(input.questionId),
      k.reported(),
      k.paused(),
      k.reportRate(input.report.userId),
      input.questionId,
      input.report.userId,
      JSON.stringify(input.report),
      input.pauseAt,
      input.rate.limit,
      input.rate.windowMs,
    )) as [string, number?, number?];
    if (reply[0] === 'duplicate') return { status: 'duplicate' };
    if (reply[0] === 'rate-limited') return { status: 'rate-limited' };
    return { status: 'added', reporters: Number(reply[1]), paused: reply[2] === 1 };
  }

  async openReports(c: Community): Promise<OpenReports[]> {
    const k = this.k(c);
    const [ids, paused] = await Promise.all([this.redis.smembers(k.reported()), this.redis.smembers(k.paused())]);
    const out: OpenReports[] = [];
    for (const id of ids.sort()) {
      const r = parseReports(id, await this.redis.hgetall(k.reports(id)), paused.includes(id));
      if (r.reports.length > 0) out.push(r);
    }
    return out;
  }

  async resolveReports(c: Community, questionId: string): Promise<boolean> {
    const k = this.k(c);
    const replies = (await this.redis.multi().del(k.reports(questionId)).srem(k.reported(), questionId).srem(k.paused(), questionId).exec()) as [unknown, number][];
    return replies.some(([, n]) => n === 1);
  }

  async pausedQuestions(c: Community): Promise<string[]> {
    return this.redis.smembers(this.k(c).paused());
  }
}

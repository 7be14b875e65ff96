import { LRUCache } from 'lru-cache';
import { QuestionBank } from '../bank/question-bank.js';
import type { Question } from '../bank/schema.js';
import { communityKey, type Community } from '../identity.js';
import type { PackStore, ReportStore } from './pack-store.js';

const MAX_CACHED = 200;

/** The questions a community sees; the core's use cases ask it per call. */
export interface QuestionBanks {
  for(c: Community): Promise<QuestionBank>;
  /**
   * One question by id, for a card already delivered (an answer, a hint). A pause stops new
   * deliveries only: a member who holds the card may still answer it.
   */
  question(c: Community, id: string): Promise<Question | undefined>;
  /** Several questions by id, each as `question` gives it (a running interview's). */
  questions(c: Community, ids: readonly string[]): Promise<(Question | undefined)[]>;
}

/**
 * A community's view of the questions: the bank, plus its enabled packs, minus the questions its
 * members' reports paused. Every call reads the pack list (names, hashes, enabled) and the paused
 * ids from the store, so a change made by another process is seen at once; only the pack bodies
 * are cached, keyed by their content hash, which a new import changes.
 */
export class CommunityBanks implements QuestionBanks {
  private readonly bodies = new LRUCache<string, readonly Question[]>({ max: MAX_CACHED });
  private readonly views = new LRUCache<string, QuestionBank>({ max: MAX_CACHED });

  constructor(
    readonly bank: QuestionBank,
    private readonly packs: PackStore,
    private readonly reports: ReportStore,
  ) {}

  // A bank id never holds "/" (pack entries are "pack/id"): the answer path then reads nothing from the store.
  async question(c: Community, id: string): Promise<Question | undefined> {
    if (!id.includes('/')) return this.bank.get(id);
    return (await this.for(c)).get(id);
  }

  // The store is read once, and only when a pack entry is among them.
  async questions(c: Community, ids: readonly string[]): Promise<(Question | undefined)[]> {
    const view = ids.some((id) => id.includes('/')) ? await this.for(c) : this.bank;
    return ids.map((id) => (id.includes('/') ? view : this.bank).get(id));
  }

  async for(c: Community): Promise<QuestionBank> {
    const [list, paused] = await Promise.all([this.packs.listPacks(c), this.reports.pausedQuestions(c)]);
    const enabled = list.filter((p) => p.enabled).sort((a, b) => a.name.localeCompare(b.name));
    if (enabled.length === 0 && paused.length === 0) return this.bank;
    const viewKey = `${communityKey(c)}|${enabled.map((p) => `${p.name}:${p.hash}`).join(',')}|${[...paused].sort().join(',')}`;
    const cached = this.views.get(viewKey);
    if (cached) return cached;
    const parts: (readonly Question[])[] = [this.bank.questions];
    for (const p of enabled) {
      const questions = await this.body(c, p.name, p.hash);
      if (questions) parts.push(questions);
    }
    const pausedSet = new Set(paused);
    const view = new QuestionBank(parts.flat().filter((q) => !pausedSet.has(q.id)));
    this.views.set(viewKey, view);
    return view;
  }

  private async body(c: Community, name: string, hash: string): Promise<readonly Question[] | null> {
    const key = `${communityKey(c)}|${name}|${hash}`;
    const hit = this.bodies.get(key);
    if (hit) return hit;
    const stored = await this.packs.getPack(c, name);
    // Replaced or removed since the list was read: the next call sees the new list.
    if (!stored || stored.hash !== hash) return stored?.questions ?? null;
    this.bodies.set(key, stored.questions);
    return stored.questions;
  }
}

import { expect, it } from 'vitest';
import type { Store } from '../../src/core/store.js';
import type { StoredPack, ReportInput } from '../../src/core/packs/pack.js';
import { aCommunity } from '../support/builders.js';
import { aQuestion } from '../support/builders.js';

/** Packs and reports (core/packs/pack-store.ts), the same on every store; two communities never meet. */
export function packContract(current: () => Store): void {
  const community = aCommunity('g-packs');
  const other = aCommunity('g-packs', 'slack');

  const pack = (name: string, extra: Partial<StoredPack> = {}): StoredPack => ({
    name,
    version: '1',
    hash: `hash-${name}`,
    enabled: true,
    entries: 1,
    format: 'yaml',
    importedAt: 1_764_600_000_000,
    importedBy: 'admin',
    source: `name: ${name}\n# ünïcode ✓\n`,
    questions: [aQuestion({ id: `${name}/q1`, topic: name })],
    ...extra,
  });

  it('packs: saved whole, listed, read back, kept apart from another community', async () => {
    const s = current();
    expect(await s.savePack(community, pack('our-stack'), 10)).toBe('created');
    expect(await s.listPacks(community)).toEqual([{ name: 'our-stack', version: '1', hash: 'hash-our-stack', enabled: true, entries: 1, format: 'yaml', importedAt: 1_764_600_000_000, importedBy: 'admin' }]);
    expect(await s.getPack(community, 'our-stack')).toEqual(pack('our-stack'));
    expect(await s.listPacks(other)).toEqual([]);
    expect(await s.getPack(other, 'our-stack')).toBeNull();
    expect(await s.setPackEnabled(other, 'our-stack', false)).toBe(false);
    expect(await s.removePack(other, 'our-stack')).toBe(false);
    expect((await s.listPacks(community))[0]?.enabled).toBe(true);
  });

  it('packs: disable and enable keep the pack; a re-import replaces it and keeps its state; remove deletes it', async () => {
    const s = current();
    await s.savePack(community, pack('infra'), 10);
    expect(await s.setPackEnabled(community, 'infra', false)).toBe(true);
    expect((await s.getPack(community, 'infra'))?.enabled).toBe(false);
    expect(await s.savePack(community, pack('infra', { version: '2', hash: 'h2', enabled: true }), 10)).toBe('replaced');
    expect(await s.getPack(community, 'infra')).toMatchObject({ version: '2', hash: 'h2', enabled: false });
    expect(await s.setPackEnabled(community, 'infra', true)).toBe(true);
    expect((await s.listPacks(community))[0]).toMatchObject({ name: 'infra', enabled: true });
    expect(await s.removePack(community, 'infra')).toBe(true);
    expect(await s.getPack(community, 'infra')).toBeNull();
    expect(await s.removePack(community, 'infra')).toBe(false);
    expect(await s.setPackEnabled(community, 'missing', true)).toBe(false);
  });

  it('packs: a new name past the limit stores nothing, even when saved concurrently; a replacement still fits', async () => {
    const s = current();
    const outcomes = await Promise.all(Array.from({ length: 5 }, (_, i) => s.savePack(community, pack(`p${i}`), 3)));
    expect(outcomes.filter((o) => o === 'created')).toHaveLength(3);
    expect(outcomes.filter((o) => o === 'full')).toHaveLength(2);
    const names = (await s.listPacks(community)).map((p) => p.name);
    expect(names).toHaveLength(3);
    expect(await s.savePack(community, pack(names[0]!, { version: '9' }), 3)).toBe('replaced');
  });

  const report = (userId: string, questionId = 'our-stack/q1', extra: Partial<ReportInput> = {}): ReportInput => ({
    questionId,
    report: { userId, reason: 'wrong-key', note: `from ${userId}`, at: 1_764_600_000_000 },
    pauseAt: 3,
    rate: { limit: 2, windowMs: 60_000 },
    ...extra,
  });

  it('reports: one per member, paused at three members, resolved together; another community sees none', async () => {
    const s = current();
    expect(await s.addReport(community, report('a'))).toEqual({ status: 'added', reporters: 1, paused: false });
    expect(await s.addReport(community, report('a'))).toEqual({ status: 'duplicate' });
    expect(await s.addReport(community, report('b'))).toEqual({ status: 'added', reporters: 2, paused: false });
    expect(await s.pausedQuestions(community)).toEqual([]);
    expect(await s.addReport(community, report('c'))).toEqual({ status: 'added', reporters: 3, paused: true });
    expect(await s.pausedQuestions(community)).toEqual(['our-stack/q1']);
    expect(await s.pausedQuestions(other)).toEqual([]);
    expect(await s.openReports(other)).toEqual([]);
    const open = await s.openReports(community);
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ questionId: 'our-stack/q1', paused: true });
    expect(open[0]!.reports.map((r) => r.userId).sort()).toEqual(['a', 'b', 'c']);
    expect(await s.resolveReports(other, 'our-stack/q1')).toBe(false);
    expect(await s.resolveReports(community, 'our-stack/q1')).toBe(true);
    expect(await s.pausedQuestions(community)).toEqual([]);
    expect(await s.openReports(community)).toEqual([]);
    expect(await s.resolveReports(community, 'our-stack/q1')).toBe(false);
  });

  it('reports: rate-limited per member across questions, atomically; a refused report counts nothing', async () => {
    const s = current();
    const outcomes = await Promise.all(['q1', 'q2', 'q3', 'q4'].map((q) => s.addReport(community, report('spammer', q))));
    expect(outcomes.filter((o) => o.status === 'added')).toHaveLength(2);
    expect(outcomes.filter((o) => o.status === 'rate-limited')).toHaveLength(2);
    expect((await s.openReports(community)).length).toBe(2);
    // Concurrent reports of one question by five members: exactly three reach the pause, one pauses it first.
    const many = await Promise.all(['m1', 'm2', 'm3', 'm4', 'm5'].map((u) => s.addReport(community, report(u, 'hot'))));
    expect(many.map((o) => (o.status === 'added' ? o.reporters : 0)).sort()).toEqual([1, 2, 3, 4, 5]);
    expect(await s.pausedQuestions(community)).toContain('hot');
    expect(await s.addReport(other, report('spammer', 'q1'))).toMatchObject({ status: 'added' });
  });
}

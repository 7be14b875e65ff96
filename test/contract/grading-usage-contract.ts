import { expect, it } from 'vitest';
import { hasGradingUsage, type GradingUsageStore } from '../../src/core/grading/grading-usage.js';
import type { Store } from '../../src/core/store.js';
import { aCommunity, aUser } from '../support/builders.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The AI grader's store port (core/grading/grading-usage.ts), the same on every store. */
export function gradingUsageContract(current: () => Store): void {
  const community = aCommunity('g-ai-usage');
  const other = aCommunity('g-ai-other', 'slack');
  const usage = (): GradingUsageStore => {
    const store = current();
    if (!hasGradingUsage(store)) throw new Error('this store does not implement GradingUsageStore');
    return store;
  };
  const HOUR = 3_600_000;

  it('AI grading: daily caps per member and per community hold under concurrent takes', async () => {
    const s = usage();
    const limits = { member: 5, community: 8 };
    const take = (userId: string, c = community, day = '2026-12-01') => s.takeGradingSlot(aUser(userId, c), day, limits, HOUR);
    const ann = await Promise.all(Array.from({ length: 10 }, () => take('ann')));
    expect(ann.filter((v) => v === 'granted')).toHaveLength(5);
    expect(ann.filter((v) => v === 'member-limit')).toHaveLength(5);
    const ben = await Promise.all(Array.from({ length: 10 }, () => take('ben')));
    expect(ben.filter((v) => v === 'granted')).toHaveLength(3);
    expect(ben.filter((v) => v === 'community-limit')).toHaveLength(7);
    // A refused take counts nothing: ann is still at her cap, not past it, and others are untouched.
    expect(await take('ann')).toBe('member-limit');
    expect(await take('ann', other)).toBe('granted');
    expect(await take('ann', community, '2026-12-02')).toBe('granted');
  });

  it('AI grading: cap counters expire after their lifetime', async () => {
    const s = usage();
    const limits = { member: 1, community: 10 };
    expect(await s.takeGradingSlot(aUser('cy', community), 'd', limits, 150)).toBe('granted');
    expect(await s.takeGradingSlot(aUser('cy', community), 'd', limits, 150)).toBe('member-limit');
    await sleep(250);
    expect(await s.takeGradingSlot(aUser('cy', community), 'd', limits, 150)).toBe('granted');
  });

  it('AI grading: cached grades are per community and expire', async () => {
    const s = usage();
    await s.putCachedGrade(community, 'q1:abc', '{"v":1}', 200);
    await s.putCachedGrade(community, 'q1:long', '{"v":2}', HOUR);
    expect(await s.getCachedGrade(community, 'q1:abc')).toBe('{"v":1}');
    expect(await s.getCachedGrade(other, 'q1:abc')).toBeNull();
    expect(await s.getCachedGrade(community, 'q1:none')).toBeNull();
    await sleep(300);
    expect(await s.getCachedGrade(community, 'q1:abc')).toBeNull();
    expect(await s.getCachedGrade(community, 'q1:long')).toBe('{"v":2}');
  });

  it('AI grading: token usage adds up per community and day', async () => {
    const s = usage();
    await s.addTokenUsage(community, '2026-12-01', { calls: 1, promptTokens: 300, completionTokens: 40 }, HOUR);
    await Promise.all([
      s.addTokenUsage(community, '2026-12-01', { calls: 1, promptTokens: 310, completionTokens: 60 }, HOUR),
      s.addTokenUsage(community, '2026-12-02', { calls: 1, promptTokens: 1, completionTokens: 1 }, HOUR),
    ]);
    expect(await s.getTokenUsage(community, '2026-12-01')).toEqual({ calls: 2, promptTokens: 610, completionTokens: 100 });
    expect(await s.getTokenUsage(other, '2026-12-01')).toEqual({ calls: 0, promptTokens: 0, completionTokens: 0 });
  });
}

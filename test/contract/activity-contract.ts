import { expect, it } from 'vitest';
import type { Store } from '../../src/core/store.js';
import { aCommunity, aUser } from '../support/builders.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const DAY = 86_400_000;

/** Answers per day (core/activity-store.ts), the same on every store. */
export function activityContract(current: () => Store): void {
  const community = aCommunity('g-activity');
  const other = aCommunity('g-activity', 'slack');

  it('activity: counts answers per day, reads an inclusive range, per member and community', async () => {
    const s = current();
    const ann = aUser('ann', community);
    for (const day of [20_000, 20_000, 20_000, 20_003, 20_010]) await s.recordActivity(ann, day, 119, DAY);
    await s.recordActivity(aUser('ben', community), 20_003, 119, DAY);
    await s.recordActivity(aUser('ann', other), 20_003, 119, DAY);
    expect(Object.fromEntries(await s.getActivity(ann, 20_000, 20_010))).toEqual({ 20000: 3, 20003: 1, 20010: 1 });
    expect(Object.fromEntries(await s.getActivity(ann, 20_001, 20_009))).toEqual({ 20003: 1 });
    expect(Object.fromEntries(await s.getActivity(aUser('ann', other), 0, 99_999))).toEqual({ 20003: 1 });
    expect((await s.getActivity(aUser('cy', community), 0, 99_999)).size).toBe(0);
  });

  it('activity: concurrent answers on one day are all counted', async () => {
    const s = current();
    const dee = aUser('dee', community);
    await Promise.all(Array.from({ length: 20 }, () => s.recordActivity(dee, 20_100, 119, DAY)));
    expect(await s.getActivity(dee, 20_100, 20_100)).toEqual(new Map([[20_100, 20]]));
  });

  it('activity: days older than the kept window are dropped by a later answer', async () => {
    const s = current();
    const eve = aUser('eve', community);
    await s.recordActivity(eve, 20_000, 10, DAY);
    await s.recordActivity(eve, 20_005, 10, DAY);
    await s.recordActivity(eve, 20_011, 10, DAY);
    // 20_011 - 10 = 20_001: day 20_000 falls out, 20_005 stays.
    expect(Object.fromEntries(await s.getActivity(eve, 0, 99_999))).toEqual({ 20005: 1, 20011: 1 });
  });

  it('activity: a member\'s counts expire after their lifetime unless renewed', async () => {
    const s = current();
    const fay = aUser('fay', community);
    const gus = aUser('gus', community);
    await s.recordActivity(fay, 20_000, 119, 150);
    await s.recordActivity(gus, 20_000, 119, 150);
    await s.recordActivity(gus, 20_001, 119, DAY);
    await sleep(250);
    expect((await s.getActivity(fay, 0, 99_999)).size).toBe(0);
    // A later answer renews the whole member's record, as Redis's hash TTL does.
    expect(Object.fromEntries(await s.getActivity(gus, 0, 99_999))).toEqual({ 20000: 1, 20001: 1 });
  });
}

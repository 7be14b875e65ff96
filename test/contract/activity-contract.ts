import { expect, it } from 'vitest';
import type { ActivityAnswer } from '../../src/core/activity-store.js';
import type { Store } from '../../src/core/store.js';
import { aCommunity, aUser } from '../support/builders.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const DAY = 86_400_000;
let seq = 0;

/** One answer on `day` to a delivery of its own, unless one is given (a repeat). */
const answer = (day: number, over: Partial<ActivityAnswer> = {}): ActivityAnswer => ({ day, deliveryId: `d${++seq}`, repeatTtlMs: DAY, keepDays: 119, ttlMs: DAY, ...over });

/** Answers per day (core/activity-store.ts), the same on every store. */
export function activityContract(current: () => Store): void {
  const community = aCommunity('g-activity');
  const other = aCommunity('g-activity', 'slack');

  it('activity: counts answers per day, reads an inclusive range, per member and community', async () => {
    const s = current();
    const ann = aUser('ann', community);
    for (const day of [20_000, 20_000, 20_000, 20_003, 20_010]) expect(await s.recordActivity(ann, answer(day))).toBe(true);
    await s.recordActivity(aUser('ben', community), answer(20_003));
    await s.recordActivity(aUser('ann', other), answer(20_003));
    expect(Object.fromEntries(await s.getActivity(ann, 20_000, 20_010))).toEqual({ 20000: 3, 20003: 1, 20010: 1 });
    expect(Object.fromEntries(await s.getActivity(ann, 20_001, 20_009))).toEqual({ 20003: 1 });
    expect(Object.fromEntries(await s.getActivity(aUser('ann', other), 0, 99_999))).toEqual({ 20003: 1 });
    expect((await s.getActivity(aUser('cy', community), 0, 99_999)).size).toBe(0);
  });

  it('activity: a repeat of a delivery\'s answer is counted once, also when concurrent; others all count', async () => {
    const s = current();
    const dee = aUser('dee', community);
    const repeats = await Promise.all(Array.from({ length: 8 }, () => s.recordActivity(dee, answer(20_100, { deliveryId: 'same' }))));
    expect(repeats.filter(Boolean)).toHaveLength(1);
    // The same delivery for another member is their own answer.
    expect(await s.recordActivity(aUser('eli', community), answer(20_100, { deliveryId: 'same' }))).toBe(true);
    await Promise.all(Array.from({ length: 20 }, () => s.recordActivity(dee, answer(20_100))));
    expect(await s.getActivity(dee, 20_100, 20_100)).toEqual(new Map([[20_100, 21]]));
  });

  it('activity: days older than the kept window are dropped by a later answer', async () => {
    const s = current();
    const eve = aUser('eve', community);
    await s.recordActivity(eve, answer(20_000, { keepDays: 10 }));
    await s.recordActivity(eve, answer(20_005, { keepDays: 10 }));
    await s.recordActivity(eve, answer(20_011, { keepDays: 10 }));
    // 20_011 - 10 = 20_001: day 20_000 falls out, 20_005 stays.
    expect(Object.fromEntries(await s.getActivity(eve, 0, 99_999))).toEqual({ 20005: 1, 20011: 1 });
  });

  it('activity: counts expire after their lifetime unless renewed; a repeat mark expires with its delivery', async () => {
    const s = current();
    const fay = aUser('fay', community);
    const gus = aUser('gus', community);
    await s.recordActivity(fay, answer(20_000, { ttlMs: 150 }));
    await s.recordActivity(gus, answer(20_000, { ttlMs: 150, deliveryId: 'short', repeatTtlMs: 150 }));
    await s.recordActivity(gus, answer(20_001));
    await sleep(250);
    expect((await s.getActivity(fay, 0, 99_999)).size).toBe(0);
    // A later answer renews the whole member's record, as Redis's hash TTL does.
    expect(Object.fromEntries(await s.getActivity(gus, 0, 99_999))).toEqual({ 20000: 1, 20001: 1 });
    // Past its delivery's life the mark is gone (no answer can come then; the store keeps nothing forever).
    expect(await s.recordActivity(gus, answer(20_001, { deliveryId: 'short' }))).toBe(true);
  });
}

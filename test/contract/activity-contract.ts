import { expect, it } from 'vitest';
import type { AnswerInput } from '../../src/core/answer-rules.js';
import type { UserRef } from '../../src/core/identity.js';
import type { Store } from '../../src/core/store.js';
import { aCommunity, aUser } from '../support/builders.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const DAY = 86_400_000;
let seq = 0;

/**
 * One answer on `day` to a delivery of its own (unless one is given), counted for the heat map
 * (AnswerInput.activity) unless `activity` is overridden.
 */
function answer(user: UserRef, day: number, over: Partial<AnswerInput> = {}): AnswerInput {
  const now = Date.now();
  return {
    user,
    deliveryId: `act-d${++seq}`,
    questionId: `act-q${seq}`,
    topic: 'cnn',
    correct: true,
    basePoints: 10,
    day,
    week: '2026-W48',
    month: '2026-11',
    weekExpiresAt: now + 10 * DAY,
    monthExpiresAt: now + 40 * DAY,
    scoreWindowMs: DAY,
    now,
    deliveryTtlMs: DAY,
    activity: { keepDays: 119, ttlMs: DAY },
    ...over,
  };
}

/** Answers per day (core/activity-store.ts), counted by recordAnswer, the same on every store. */
export function activityContract(current: () => Store): void {
  const community = aCommunity('g-activity');
  const other = aCommunity('g-activity', 'slack');

  it('activity: a recorded answer counts its local day; ranges are inclusive, per member and community', async () => {
    const s = current();
    const ann = aUser('ann', community);
    for (const day of [20_000, 20_000, 20_000, 20_003, 20_010]) expect((await s.recordAnswer(answer(ann, day))).status).toBe('recorded');
    await s.recordAnswer(answer(aUser('ben', community), 20_003));
    await s.recordAnswer(answer(aUser('ann', other), 20_003));
    expect(Object.fromEntries(await s.getActivity(ann, 20_000, 20_010))).toEqual({ 20000: 3, 20003: 1, 20010: 1 });
    expect(Object.fromEntries(await s.getActivity(ann, 20_001, 20_009))).toEqual({ 20003: 1 });
    expect(Object.fromEntries(await s.getActivity(aUser('ann', other), 0, 99_999))).toEqual({ 20003: 1 });
    expect((await s.getActivity(aUser('cy', community), 0, 99_999)).size).toBe(0);
    // Without `activity` an answer is recorded but not counted.
    await s.recordAnswer(answer(aUser('cy', community), 20_000, { activity: undefined }));
    expect((await s.getActivity(aUser('cy', community), 0, 99_999)).size).toBe(0);
  });

  it('activity: a duplicate or a replayed submission counts nothing, also when concurrent', async () => {
    const s = current();
    const dee = aUser('dee', community);
    const same = answer(dee, 20_100, { deliveryId: 'act-same', submission: 'choice:1' });
    const outcomes = await Promise.all(Array.from({ length: 8 }, (_, i) => s.recordAnswer(i % 2 === 0 ? same : { ...same, submission: 'choice:2' })));
    expect(outcomes.filter((o) => o.status === 'recorded').length).toBeGreaterThanOrEqual(1);
    // A replay of the recorded submission gets its outcome again, and is not counted again.
    await s.recordAnswer(same);
    // The same delivery for another member is their own answer.
    await s.recordAnswer(answer(aUser('eli', community), 20_100, { deliveryId: 'act-same' }));
    await Promise.all(Array.from({ length: 20 }, () => s.recordAnswer(answer(dee, 20_100))));
    expect(await s.getActivity(dee, 20_100, 20_100)).toEqual(new Map([[20_100, 21]]));
    expect(await s.getActivity(aUser('eli', community), 20_100, 20_100)).toEqual(new Map([[20_100, 1]]));
  });

  it('activity: days older than the kept window are dropped by a later answer', async () => {
    const s = current();
    const eve = aUser('eve', community);
    const keep = { keepDays: 10, ttlMs: DAY };
    // Twelve days in a row fill the hash past the window, then day 20_011 drops what is older than 20_001.
    for (let d = 20_000; d <= 20_011; d++) await s.recordAnswer(answer(eve, d, { activity: keep }));
    const days = [...(await s.getActivity(eve, 0, 99_999)).keys()].sort((a, b) => a - b);
    expect(days[0]).toBe(20_001);
    expect(days.at(-1)).toBe(20_011);
  });

  it('activity: counts expire after their lifetime unless renewed by a later answer', async () => {
    const s = current();
    const fay = aUser('fay', community);
    const gus = aUser('gus', community);
    await s.recordAnswer(answer(fay, 20_000, { activity: { keepDays: 119, ttlMs: 150 } }));
    await s.recordAnswer(answer(gus, 20_000, { activity: { keepDays: 119, ttlMs: 150 } }));
    await s.recordAnswer(answer(gus, 20_001));
    await sleep(250);
    expect((await s.getActivity(fay, 0, 99_999)).size).toBe(0);
    // A later answer renews the whole member's record, as Redis's hash TTL does.
    expect(Object.fromEntries(await s.getActivity(gus, 0, 99_999))).toEqual({ 20000: 1, 20001: 1 });
  });
}

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AnswerInput } from '../../src/core/answer-rules.js';
import type { Delivery } from '../../src/core/quiz/delivery.js';
import type { Store } from '../../src/core/store.js';
import type { UserRef } from '../../src/core/identity.js';
import { aCommunity, aUser } from '../support/builders.js';
import { rulesContract } from './rules-contract.js';
import { gradingUsageContract } from './grading-usage-contract.js';
import { cardStoreContract } from './card-store-contract.js';
import { reminderContract } from './reminder-contract.js';
import { activityContract } from './activity-contract.js';
import { packContract } from './pack-contract.js';

export interface StoreFixture {
  store: Store;
  cleanup(): Promise<void>;
}

const DAY = 86_400_000;

/** The behaviour every Store must have; run against MemoryStore, SqliteStore and RedisStore alike. */
export function storeContract(name: string, make: () => Promise<StoreFixture>): void {
  describe(`Store contract: ${name}`, () => {
    let fx: StoreFixture;
    let store: Store;
    const now = Date.now();
    const community = aCommunity('g-contract');
    const other = aCommunity('g-other');

    beforeEach(async () => {
      fx = await make();
      store = fx.store;
    });
    afterEach(async () => fx.cleanup());

    const delivery = (id: string, extra: Partial<Delivery> = {}): Delivery => ({
      id,
      questionId: 'q1',
      mode: 'choice',
      ownerId: null,
      order: [2, 0, 3, 1],
      createdAt: now,
      expiresAt: now + DAY,
      ...extra,
    });

    const answer = (user: UserRef, deliveryId: string, extra: Partial<AnswerInput> = {}): AnswerInput => ({
      user,
      deliveryId,
      questionId: 'q1',
      topic: 'cnn',
      correct: true,
      basePoints: 20,
      day: 20_000,
      week: '2026-W48',
      month: '2026-11',
      weekExpiresAt: now + 10 * DAY,
      monthExpiresAt: now + 40 * DAY,
      scoreWindowMs: 30 * DAY,
      now,
      deliveryTtlMs: DAY,
      ...extra,
    });

    it('stores deliveries per community', async () => {
      await store.saveDelivery(community, delivery('d1'));
      expect(await store.getDelivery(community, 'd1')).toEqual(delivery('d1'));
      expect(await store.getDelivery(other, 'd1')).toBeNull();
      expect(await store.getDelivery(community, 'nope')).toBeNull();
    });

    it('returns the first outcome for a repeat of the same submission, and counts it once', async () => {
      const u = aUser('u1', community);
      const first = await store.recordAnswer(answer(u, 'd1', { submission: 'choice:2' }));
      expect(first).toMatchObject({ status: 'recorded', points: 20, scored: true });
      // A later answer changes the streak; the repeat still reports what the first recorded.
      await store.recordAnswer(answer(u, 'd2', { day: 20_001, questionId: 'q2', submission: 'choice:1' }));
      expect(await store.recordAnswer(answer(u, 'd1', { submission: 'choice:2', now: now + 5000 }))).toEqual(first);
      expect(await store.recordAnswer(answer(u, 'd1', { submission: 'choice:3', correct: false }))).toEqual({ status: 'duplicate' });
      expect(await store.recordAnswer(answer(u, 'd1'))).toEqual({ status: 'duplicate' });
      expect(await store.getStats(u)).toMatchObject({ answered: 2, points: 40 });
      expect((await store.getResults(community, 'd1')).map((r) => r.userId)).toEqual(['u1']);
      // Another member's identical submission is their own first answer.
      expect(await store.recordAnswer(answer(aUser('u2', community), 'd1', { submission: 'choice:2' }))).toMatchObject({ status: 'recorded', points: 20 });
    });

    it('counts only the first answer per delivery and user', async () => {
      const u = aUser('u1', community);
      const first = await store.recordAnswer(answer(u, 'd1'));
      expect(first).toMatchObject({ status: 'recorded', points: 20, scored: true, hintUsed: false });
      expect(await store.recordAnswer(answer(u, 'd1', { correct: false }))).toEqual({ status: 'duplicate' });
      expect(await store.hasAnswered(community, 'd1', 'u1')).toBe(true);
      expect(await store.hasAnswered(community, 'd1', 'u2')).toBe(false);
      const stats = await store.getStats(u);
      expect(stats).toEqual({ answered: 1, correct: 1, points: 20, byTopic: { cnn: { answered: 1, correct: 1 } } });
      // Another member may answer the same shared delivery once.
      expect(await store.recordAnswer(answer(aUser('u2', community), 'd1', { correct: false, basePoints: 0 }))).toMatchObject({ status: 'recorded', points: 0 });
      const results = await store.getResults(community, 'd1');
      expect(results.map((r) => [r.userId, r.correct])).toEqual([
        ['u1', true],
        ['u2', false],
      ]);
    });

    it('halves points after a hint, for that user only', async () => {
      expect(await store.markHint(community, 'd1', 'u1', DAY)).toBe(true);
      expect(await store.markHint(community, 'd1', 'u1', DAY)).toBe(false);
      expect(await store.recordAnswer(answer(aUser('u1', community), 'd1', { basePoints: 25 }))).toMatchObject({ points: 12, hintUsed: true });
      expect(await store.recordAnswer(answer(aUser('u2', community), 'd1', { basePoints: 25 }))).toMatchObject({ points: 25, hintUsed: false });
    });

    it('gives a claimed slot back only to its owner, and then anyone may claim it at once', async () => {
      const claim = (token: string, now: number) => ({ token, now, staleBefore: now - 300_000, ttlMs: DAY });
      const now = 1_800_000_000_000;
      expect(await store.claimSlot(community, 'ch', '2026-12-01', 'post', claim('a', now))).toBe(true);
      expect(await store.claimSlot(community, 'ch', '2026-12-01', 'post', claim('b', now + 1000))).toBe(false);
      expect(await store.releaseSlot(community, 'ch', '2026-12-01', 'post', 'b')).toBe(false);
      expect(await store.releaseSlot(community, 'ch', '2026-12-01', 'reveal', 'a')).toBe(false);
      expect(await store.releaseSlot(community, 'ch', '2026-12-01', 'post', 'a')).toBe(true);
      expect(await store.claimSlot(community, 'ch', '2026-12-01', 'post', claim('b', now + 1000))).toBe(true);
      expect(await store.releaseSlot(community, 'ch', '2026-12-01', 'post', 'a')).toBe(false);
      expect(await store.finishSlot(community, 'ch', '2026-12-01', 'post', 'b', { deliveryId: 'd', messageId: 'm', postedAt: now, revealAt: now + 1 })).toBe(true);
      expect(await store.getSlot(community, 'ch', '2026-12-01')).toMatchObject({ state: 'posted', token: 'b' });
    });

    it('scores a question for a user at most once per window', async () => {
      const u = aUser('u1', community);
      await store.recordAnswer(answer(u, 'd1'));
      const again = await store.recordAnswer(answer(u, 'd2'));
      expect(again).toMatchObject({ status: 'recorded', points: 0, scored: false });
      const otherQuestion = await store.recordAnswer(answer(u, 'd3', { questionId: 'q2' }));
      expect(otherQuestion).toMatchObject({ points: 20, scored: true });
      expect((await store.getStats(u)).answered).toBe(3);
      expect((await store.getStats(u)).points).toBe(40);
    });

    it('keeps streaks of consecutive days, current and best', async () => {
      const u = aUser('u1', community);
      const on = (day: number, id: string) => store.recordAnswer(answer(u, id, { day, questionId: id }));
      expect(await on(100, 'a')).toMatchObject({ streak: { current: 1, best: 1, lastDay: 100 } });
      expect(await on(100, 'b')).toMatchObject({ streak: { current: 1, best: 1 } });
      expect(await on(101, 'c')).toMatchObject({ streak: { current: 2, best: 2 } });
      expect(await on(102, 'd')).toMatchObject({ streak: { current: 3, best: 3 } });
      expect(await on(105, 'e')).toMatchObject({ streak: { current: 1, best: 3, lastDay: 105 } });
      // An answer stamped with an earlier day (another zone) never rewinds the streak.
      expect(await on(104, 'f')).toMatchObject({ streak: { current: 1, best: 3, lastDay: 105 } });
      expect(await store.getStreak(u)).toEqual({ current: 1, best: 3, lastDay: 105 });
      expect(await store.getStreak(aUser('nobody', community))).toEqual({ current: 0, best: 0, lastDay: -1 });
    });

    it('pages leaderboards with names and gives the caller rank outside the page', async () => {
      for (let i = 1; i <= 12; i++) {
        await store.recordAnswer(answer(aUser(`u${i}`, community), `d${i}`, { basePoints: i * 10 }));
      }
      const board = { scope: 'users' as const, period: 'week' as const, key: '2026-W48' };
      const page1 = await store.getLeaderboard(community, board, 0, 10, 'u1');
      expect(page1.total).toBe(12);
      expect(page1.entries.map((e) => [e.id, e.score, e.rank])).toEqual(
        Array.from({ length: 10 }, (_, i) => [`u${12 - i}`, (12 - i) * 10, i + 1]),
      );
      expect(page1.entries[0]!.name).toBe('User u12');
      expect(page1.member).toEqual({ id: 'u1', name: 'User u1', score: 10, rank: 12 });
      const page2 = await store.getLeaderboard(community, board, 10, 10, 'ghost');
      expect(page2.entries.map((e) => e.rank)).toEqual([11, 12]);
      expect(page2.member).toBeNull();
      const month = await store.getLeaderboard(community, { scope: 'users', period: 'month', key: '2026-11' }, 0, 3, 'u12');
      expect(month.entries.map((e) => e.id)).toEqual(['u12', 'u11', 'u10']);
      const all = await store.getLeaderboard(community, { scope: 'users', period: 'all', key: 'all' }, 0, 1, 'u12');
      expect(all.member?.rank).toBe(1);
      // Nothing leaks into another community.
      expect((await store.getLeaderboard(other, board, 0, 10, 'u1')).total).toBe(0);
    });

    it('adds points to the team of the user at the time of the answer', async () => {
      const a = aUser('a', community);
      const b = aUser('b', community);
      await store.recordAnswer(answer(a, 'd0', { basePoints: 0, questionId: 'q0' })); // an answer before joining
      expect(await store.joinTeam(a, 'owls', 'Owls')).toEqual({ status: 'joined', created: true, team: { key: 'owls', name: 'Owls', members: 1 } });
      expect(await store.joinTeam(b, 'owls', 'OWLS')).toEqual({ status: 'joined', created: false, team: { key: 'owls', name: 'Owls', members: 2 } });
      await store.recordAnswer(answer(a, 'd1', { basePoints: 30 }));
      await store.recordAnswer(answer(b, 'd1', { basePoints: 10 }));
      await store.leaveTeam(b);
      await store.recordAnswer(answer(b, 'd2', { basePoints: 50, questionId: 'q9' }));
      const teams = await store.getLeaderboard(community, { scope: 'teams', period: 'week', key: '2026-W48' }, 0, 10, 'owls');
      expect(teams.entries).toEqual([{ id: 'owls', name: 'Owls', score: 40, rank: 1 }]);
      expect(teams.member?.rank).toBe(1);
    });

    it('keeps one team per user per community', async () => {
      const a = aUser('a', community);
      await store.joinTeam(a, 'owls', 'Owls');
      expect(await store.joinTeam(a, 'owls', 'Owls')).toMatchObject({ status: 'already-member' });
      expect(await store.joinTeam(a, 'cats', 'Cats')).toMatchObject({ status: 'in-other-team', team: { key: 'owls' } });
      expect(await store.listTeams(community)).toEqual([{ key: 'owls', name: 'Owls', members: 1 }]);
      expect(await store.getUserTeam(a)).toEqual({ key: 'owls', name: 'Owls', members: 1 });
      expect(await store.teamMembers(community, 'owls')).toEqual([{ id: 'a', name: 'User a' }]);
      // The same user id in another community is another person.
      expect(await store.joinTeam(aUser('a', other), 'cats', 'Cats')).toMatchObject({ status: 'joined' });
      expect(await store.leaveTeam(a)).toEqual({ key: 'owls', name: 'Owls', members: 0 });
      expect(await store.leaveTeam(a)).toBeNull();
      expect(await store.listTeams(community)).toEqual([]);
      expect(await store.getUserTeam(a)).toBeNull();
      expect(await store.joinTeam(a, 'cats', 'Cats')).toMatchObject({ status: 'joined', created: true });
    });

    it('remembers recently seen questions, newest first, without repeats', async () => {
      const u = aUser('u1', community);
      for (const q of ['a', 'b', 'c', 'a', 'd']) await store.pushRecent(u, q, 3);
      expect(await store.getRecent(u)).toEqual(['d', 'a', 'c']);
      expect(await store.getRecent(aUser('u1', other))).toEqual([]);
    });

    it('updates community settings, optionally only when unset', async () => {
      expect(await store.getSettings(community)).toEqual({ timeZone: undefined });
      await store.updateSettings(community, { timeZone: 'Europe/Berlin' }, true);
      await store.updateSettings(community, { timeZone: 'Asia/Tokyo' }, true);
      expect(await store.getSettings(community)).toEqual({ timeZone: 'Europe/Berlin' });
      await store.updateSettings(community, { timeZone: 'Asia/Tokyo' });
      expect((await store.getSettings(community)).timeZone).toBe('Asia/Tokyo');
      expect((await store.getSettings(other)).timeZone).toBeUndefined();
    });

    it("records nothing when the caller expected another zone setting, and names the stored one", async () => {
      const u = aUser('u1', community);
      // Unset is '': a caller that expects it records.
      expect(await store.recordAnswer(answer(u, 'd1', { expectedZone: '' }))).toMatchObject({ status: 'recorded', points: 20 });
      await store.updateSettings(community, { timeZone: 'Asia/Tokyo' });
      expect(await store.recordAnswer(answer(u, 'd2', { questionId: 'q2', expectedZone: '' }))).toEqual({ status: 'zone-changed', zone: 'Asia/Tokyo' });
      expect(await store.recordAnswer(answer(u, 'd2', { questionId: 'q2', expectedZone: 'UTC' }))).toEqual({ status: 'zone-changed', zone: 'Asia/Tokyo' });
      // Nothing of the refused answer was kept: not answered, not counted, not on a board.
      expect(await store.hasAnswered(community, 'd2', 'u1')).toBe(false);
      expect(await store.getStats(u)).toMatchObject({ answered: 1, points: 20 });
      expect(await store.getResults(community, 'd2')).toEqual([]);
      expect(await store.recordAnswer(answer(u, 'd2', { questionId: 'q2', expectedZone: 'Asia/Tokyo' }))).toMatchObject({ status: 'recorded', points: 20 });
      // Without an expected zone nothing is checked; another community's setting is its own.
      expect(await store.recordAnswer(answer(u, 'd3', { questionId: 'q3' }))).toMatchObject({ status: 'recorded' });
      expect(await store.recordAnswer(answer(aUser('u1', other), 'd2', { questionId: 'q2', expectedZone: '' }))).toMatchObject({ status: 'recorded' });
      expect(await store.getStats(u)).toMatchObject({ answered: 3, points: 60 });
    });

    it('remembers display names', async () => {
      await store.recordAnswer(answer(aUser('u7', community), 'd1'));
      expect(await store.getDisplayName(community, 'u7')).toBe('User u7');
      expect(await store.getDisplayName(other, 'u7')).toBeNull();
    });

    it('keeps the display name of the latest answer or team join, whichever wrote last', async () => {
      const as = (displayName: string): UserRef => ({ ...aUser('u8', community), displayName });
      await store.recordAnswer(answer(as('Ann'), 'd1'));
      await store.recordAnswer(answer(as('Anna'), 'd2'));
      expect(await store.getDisplayName(community, 'u8')).toBe('Anna');
      await store.recordAnswer(answer(as('Ann'), 'd3'));
      expect(await store.getDisplayName(community, 'u8')).toBe('Ann');
      // A join under another name, then an answer under the one an earlier answer wrote.
      await store.joinTeam(as('Annie'), 'owls', 'Owls');
      expect(await store.getDisplayName(community, 'u8')).toBe('Annie');
      await store.recordAnswer(answer(as('Ann'), 'd4'));
      expect(await store.getDisplayName(community, 'u8')).toBe('Ann');
      const page = await store.getLeaderboard(community, { scope: 'users', period: 'all', key: 'all' }, 0, 10, 'u8');
      expect(page.entries.find((e) => e.id === 'u8')?.name).toBe('Ann');
    });

    it('keeps session values per community until they are deleted', async () => {
      expect(await store.getSession(community, 'form:1')).toBeNull();
      await store.setSession(community, 'form:1', '{"step":1}', DAY);
      expect(await store.getSession(community, 'form:1')).toBe('{"step":1}');
      expect(await store.getSession(other, 'form:1')).toBeNull();
      await store.setSession(community, 'form:1', '{"step":2}', DAY);
      expect(await store.getSession(community, 'form:1')).toBe('{"step":2}');
      expect(await store.deleteSession(other, 'form:1')).toBe(false);
      expect(await store.deleteSession(community, 'form:1')).toBe(true);
      expect(await store.deleteSession(community, 'form:1')).toBe(false);
      expect(await store.getSession(community, 'form:1')).toBeNull();
    });

    it('expires session values after their lifetime; setting again renews it', async () => {
      await store.setSession(community, 'short', 'a', 40);
      await store.setSession(community, 'renewed', 'b', 40);
      await store.setSession(community, 'renewed', 'c', DAY);
      await new Promise((resolve) => setTimeout(resolve, 120));
      expect(await store.getSession(community, 'short')).toBeNull();
      expect(await store.deleteSession(community, 'short')).toBe(false);
      expect(await store.getSession(community, 'renewed')).toBe('c');
    });

    rulesContract(() => store);
    gradingUsageContract(() => store);
    cardStoreContract(() => store);
    reminderContract(() => store);
    activityContract(() => store);
    packContract(() => store);
  });
}

import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnswerInput } from '../../src/core/answer-rules.js';
import { reviewCard } from '../../src/core/learning/card.js';
import { CommunityKeys } from '../../src/store/keys.js';
import { RedisStore } from '../../src/store/redis-store.js';
import { aCommunity, aUser } from '../support/builders.js';
import { deletePrefix, uniquePrefix, withRedis } from '../support/redis.js';

const DAY = 86_400_000;
// Now, not a fixed date: the boards' and the heat map's expiries are instants from the answer's time.
const T0 = Date.now();

/** Every key under `prefix`. */
async function keysUnder(admin: Redis, prefix: string): Promise<string[]> {
  const out: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await admin.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    out.push(...keys);
    cursor = next;
  } while (cursor !== '0');
  return out.sort();
}

/**
 * lua/record-answer-1.lua is given only the community's key base and names the keys it touches
 * itself: they must be the names src/store/keys.ts gives, or the store's readers would not see them.
 */
describe('RedisStore: the record-answer script names its keys as CommunityKeys does', () => {
  withRedis((url) => {
    const prefix = uniquePrefix();
    const community = aCommunity('g-keys');
    const ann = aUser('ann', community);
    let admin: Redis;
    let store: RedisStore;
    beforeAll(() => {
      admin = new Redis(url);
      store = new RedisStore({ client: new Redis(url), prefix });
    });
    afterAll(async () => {
      await deletePrefix(admin, prefix);
      await Promise.all([admin.quit(), store.close()]);
    });

    it('an answer with a team, a hint, a zone, the heat map and a queued review writes exactly the named keys, and the fold those of the stats, heat map and card', async () => {
      await store.joinTeam(ann, 'ml-ops', 'ML Ops');
      await store.updateSettings(community, { timeZone: 'Europe/Berlin' });
      await store.markHint(community, 'd-7', ann.userId, DAY);
      const before = reviewCard(null, 'q-keys', 'cnn', 'good', T0 - 3 * DAY);
      expect(await store.saveCard(ann, before, 0)).toBe(true);
      const answer: AnswerInput = {
        user: ann, deliveryId: 'd-7', questionId: 'q-keys', topic: 'cnn', correct: true, basePoints: 20, day: 20_423,
        week: '2026-W49', month: '2026-12', weekExpiresAt: T0 + 10 * DAY, monthExpiresAt: T0 + 40 * DAY, scoreWindowMs: DAY,
        now: T0, deliveryTtlMs: DAY, submission: 'choice:2', expectedZone: 'Europe/Berlin', activity: { keepDays: 119, ttlMs: 120 * DAY },
        review: { questionId: 'q-keys', topic: 'cnn', source: 'choice', correct: true, at: T0, deliveryId: 'd-7' },
      };
      expect(await store.recordAnswer(answer)).toMatchObject({ status: 'recorded', hintUsed: true, points: 10 });

      const k = new CommunityKeys(prefix, community);
      const u = ann.userId;
      const written = [
        k.answered('d-7'), k.hints('d-7'), k.results('d-7'), k.scored(u, 'q-keys'), k.streak(u),
        k.cards(u), k.cardsDue(u), k.pendingAnswers(u), k.names(), k.settings(), k.teamOf(),
        ...(['all', '2026-W49', '2026-12'] as const).flatMap((key) => [k.board({ scope: 'users', key }), k.board({ scope: 'teams', key })]),
      ];
      // joinTeam's own keys besides the team-of hash.
      const team = [k.teams(), k.teamSizes()];
      expect(await keysUnder(admin, prefix)).toEqual([...new Set([...written, ...team])].sort());
      // Stats, heat map and review wait in the queue: the first read folds them into the stats, the
      // heat map, the card, its due entry and the tally.
      expect(await admin.llen(k.pendingAnswers(u))).toBe(1);
      expect(await store.reviewTally(ann)).toEqual({ reviews: 1, recalled: 1 });
      expect(await store.getCard(ann, 'q-keys')).toMatchObject({ reps: 2, lastDeliveryId: 'd-7' });
      const folded = [k.stats(u), k.activity(u), k.reviewTally(u)];
      expect(await keysUnder(admin, prefix)).toEqual([...new Set([...written.filter((key) => key !== k.pendingAnswers(u)), ...folded, ...team])].sort());
      // And the readers see what the script and the fold wrote.
      expect(await store.getStats(ann)).toMatchObject({ answered: 1, correct: 1, points: 10, byTopic: { cnn: { answered: 1, correct: 1 } } });
      expect(Object.fromEntries(await store.getActivity(ann, 0, 99_999))).toEqual({ 20423: 1 });
      expect(await admin.pttl(k.activity(u))).toBeGreaterThan(119 * DAY); // 120 days from the answer, not from the fold
    });
  });
});

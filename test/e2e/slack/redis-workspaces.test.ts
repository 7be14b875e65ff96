import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisStore } from '../../../src/store/redis-store.js';
import { makeTestApp } from '../../support/app.js';
import { deletePrefix, uniquePrefix, withRedis } from '../../support/redis.js';
import { correctChoice, startHarness, type Harness } from './harness.js';

describe('Slack on RedisStore: two workspaces never share data', () => {
  withRedis((url) => {
    let h: Harness;
    let admin: Redis;
    const prefix = uniquePrefix();
    beforeAll(async () => {
      admin = new Redis(url);
      const store = new RedisStore({ client: new Redis(url), prefix });
      h = await startHarness({ app: await makeTestApp({ store }) });
    });
    afterAll(async () => {
      await h.stop();
      await h.app.store.close();
      await deletePrefix(admin, prefix);
      await admin.quit();
    });

    it('the same user id in another team id sees no teams, points, streak or leaderboard entries', async () => {
      const inAlpha = h.member('USAME', { teamId: 'T0ALPHA' });
      const inBeta = h.member('USAME', { teamId: 'T0BETA' });
      expect((await inAlpha.run('team join Alpha Wolves')).text).toContain('You created team');
      const card = await inAlpha.run('quiz cnn');
      expect((await inAlpha.press(card, await correctChoice(h.app, 'T0ALPHA', card.blocks))).text).toContain('Correct!');
      expect((await inAlpha.run('leaderboard')).text).toMatch(/🥇 .* — 20 points/);

      expect((await inBeta.run('team list')).text).toContain('No teams yet');
      expect((await inBeta.run('leaderboard')).text).toContain('Nobody is on this board yet');
      expect((await inBeta.run('leaderboard all teams')).text).toContain('Nobody is on this board yet');
      expect((await inBeta.run('stats')).text).toContain('No answers yet');
      expect((await inBeta.run('streak')).text).toMatch(/\*0 days\*/);
      // A button from one workspace does nothing in the other: the delivery does not exist there.
      const replay = await inBeta.press(card, '1');
      expect(replay.text).toMatch(/no longer|expired|not found|not available/i);

      const alpha = { platform: 'slack' as const, id: 'T0ALPHA' };
      const beta = { platform: 'slack' as const, id: 'T0BETA' };
      expect((await h.app.store.getStats({ community: alpha, userId: 'USAME', displayName: '' })).answered).toBe(1);
      expect((await h.app.store.getStats({ community: beta, userId: 'USAME', displayName: '' })).answered).toBe(0);
      const keys = await admin.keys(`${prefix}*`);
      expect(keys.some((k) => k.includes('{slack:T0ALPHA}'))).toBe(true);
      expect(keys.some((k) => k.includes('{slack:T0BETA}'))).toBe(false);
    });
  });
});

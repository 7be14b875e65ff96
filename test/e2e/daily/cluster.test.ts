import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DiscordAdapter } from '../../../src/adapters/discord/index.js';
import { createApp, type App } from '../../../src/bootstrap.js';
import { loadConfig } from '../../../src/config.js';
import { silentLogger } from '../../../src/core/ports.js';
import { createPrometheusMetrics } from '../../../src/metrics/prometheus.js';
import { createRedisCluster } from '../../../src/store/redis-store.js';
import { writeFixtureBank } from '../../support/app.js';
import { FixedClock } from '../../support/builders.js';
import { FakeDiscord } from '../../support/fake-discord/index.js';
import { deleteClusterPrefix, uniquePrefix, withRedisCluster } from '../../support/redis.js';
import { sample } from '../../ops/scrape.js';
import { FIXTURE_CORRECT, optionLabel, text, wrongLabel } from '../discord/flow-helpers.js';
import { deploy, expectDiscordRulesKept, startBot } from '../discord/harness.js';

/**
 * One quiz and one daily post end to end through a real Redis Cluster: the app is built from
 * REDIS_CLUSTER_NODES the way main.ts builds it, and discord.js talks to the fake Discord.
 */
describe('Backprop on Redis Cluster, end to end', () => {
  withRedisCluster((nodes) => {
    const clock = new FixedClock(Date.parse('2026-11-23T07:00:00Z'));
    const prefix = uniquePrefix();
    let dir: string;
    let fake: FakeDiscord;
    let app: App;
    let bot: DiscordAdapter;

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'backprop-cluster-e2e-'));
      const config = loadConfig({
        REDIS_CLUSTER_NODES: nodes.map((n) => `${n.host}:${n.port}`).join(','),
        REDIS_PREFIX: prefix,
        BANK_DIR: writeFixtureBank(join(dir, 'bank')),
      });
      expect(config.redis?.clusterNodes).toHaveLength(3);
      fake = await FakeDiscord.start();
      // No platform variables: a console config, which has no /metrics; this test reads them.
      app = await createApp(config, silentLogger, { clock, metrics: createPrometheusMetrics({ defaultMetrics: false }) });
      await deploy(fake, app);
      bot = await startBot(fake, app);
    });
    afterAll(async () => {
      await bot?.stop();
      await fake?.stop();
      await app?.store.close();
      const admin = createRedisCluster(nodes);
      await deleteClusterPrefix(admin, prefix);
      await admin.quit();
      rmSync(dir, { recursive: true, force: true });
    });

    it('takes a quiz answer, scores it and ranks the member', async () => {
      const alice = fake.member('Alice');
      const card = await fake.slash(alice, 'quiz', { options: { topic: 'cnn' } }).response();
      const answered = await fake.click(alice, card.message, optionLabel(card.message, FIXTURE_CORRECT)).response();
      expect(text(answered.message)).toContain('Correct! **+20 points**');
      expect(text((await fake.slash(alice, 'leaderboard').response()).message)).toContain('Alice — 20 points');
      expectDiscordRulesKept(fake);
    });

    it('posts the daily question once, takes answers, and reveals it once', async () => {
      const admin = fake.member('Ada', { admin: true });
      const setUp = await fake.slash(admin, 'daily', { subcommand: 'setup', options: { time: '09:00', timezone: 'Europe/Berlin', reveal_hours: 8 } }).response();
      expect(text(setUp.message)).toContain('Daily question set up');
      const posters = new Map([['discord', bot.poster]]);
      clock.set('2026-11-23T08:00:10Z');
      expect(await app.core.daily.runDue(posters)).toEqual({ posted: 1, revealed: 0 });
      expect(await app.core.daily.runDue(posters)).toEqual({ posted: 0, revealed: 0 });
      const card = [...fake.state.messages.values()].find((m) => m.channel_id === fake.general.id && !m.webhook_id)!;
      await fake.click(fake.member('Bo'), card, optionLabel(card, FIXTURE_CORRECT)).response();
      await fake.click(fake.member('Cy'), card, wrongLabel(card)).response();
      clock.set('2026-11-23T16:00:10Z');
      expect(await app.core.daily.runDue(posters)).toEqual({ posted: 0, revealed: 1 });
      expect(text(fake.state.messages.get(card.id))).toContain('2 members answered, 50% correct. First correct: Bo');
      const m = (await app.metrics.scrape()).body;
      expect(sample(m, 'backprop_store_operation_seconds_count', { store: 'redis-cluster', operation: 'claimSlot' })).toBeGreaterThanOrEqual(2);
      expectDiscordRulesKept(fake);
    });
  });
});

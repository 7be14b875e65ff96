import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { InteractionResponseType } from 'discord-api-types/v10';
import type { DiscordAdapter } from '../../../src/adapters/discord/index.js';
import type { Store } from '../../../src/core/store.js';
import { cryptoRandom } from '../../../src/random.js';
import { SqliteStore } from '../../../src/store/sqlite/sqlite-store.js';
import { RedisStore } from '../../../src/store/redis-store.js';
import { makeTestApp } from '../../support/app.js';
import { FakeDiscord } from '../../support/fake-discord/index.js';
import { deletePrefix, uniquePrefix, withRedis } from '../../support/redis.js';
import { deploy, expectDiscordRulesKept, startBot } from './harness.js';
import { FIXTURE_CORRECT, FIXTURE_GOOD_ANSWER, optionLabel, text, userRef } from './flow-helpers.js';

let fake: FakeDiscord;
const bots: DiscordAdapter[] = [];

beforeAll(async () => {
  fake = await FakeDiscord.start();
});
afterEach(async () => {
  expectDiscordRulesKept(fake);
  for (const b of bots.splice(0)) await b.stop();
});
afterAll(async () => fake?.stop());

/**
 * Buttons carry only the delivery id; everything else is in the store. A bot started again (a new
 * process: new client, new app, fresh random) over the same store serves a card the old one sent.
 */
async function restartScenario(openStore: () => Promise<Store>): Promise<void> {
  const firstStore = await openStore();
  const first = await makeTestApp({ store: firstStore, random: cryptoRandom });
  await deploy(fake, first);
  const before = await startBot(fake, first);
  bots.push(before);
  const alice = fake.member('Alice');
  const choice = await fake.slash(alice, 'quiz', { options: { topic: 'fundamentals', difficulty: 'beginner' } }).response();
  const open = await fake.slash(alice, 'quiz', { options: { topic: 'cnn', mode: 'open' } }).response();
  await before.stop();
  await firstStore.close();

  const secondStore = await openStore();
  const second = await makeTestApp({ store: secondStore, random: cryptoRandom });
  const after = await startBot(fake, second);
  bots.push(after);
  expect(fake.gateway.identifies.length).toBeGreaterThanOrEqual(2);

  const answered = await fake.click(alice, choice.message, optionLabel(choice.message, FIXTURE_CORRECT)).response();
  expect(answered.firstCallback).toBe(InteractionResponseType.UpdateMessage);
  expect(text(answered.message)).toContain('Correct! **+10 points**');
  const opened = await fake.click(alice, open.message, 'Answer').response();
  const graded = await fake.submitModal(alice, opened, FIXTURE_GOOD_ANSWER).response();
  expect(text(graded.message)).toContain('Score: **100/100**');

  expect(await secondStore.getStats(userRef(fake, alice))).toMatchObject({ answered: 2, correct: 2, points: 30 });
  expect((await secondStore.getStreak(userRef(fake, alice))).current).toBe(1);
  const board = await fake.slash(fake.member('Bob'), 'leaderboard').response();
  expect(text(board.message)).toContain('Alice — 30 points');
  await secondStore.close();
}

describe('a click after a restart', () => {
  it('works with the embedded store, reopened from its database file', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'backprop-discord-'));
    try {
      await restartScenario(() => SqliteStore.open({ clock: { now: () => Date.now() }, dataDir }));
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  describe('on Redis, with a new connection after the restart', () => {
    withRedis((url) => {
      let admin: Redis;
      const prefix = uniquePrefix();
      beforeAll(() => {
        admin = new Redis(url);
      });
      afterAll(async () => {
        await deletePrefix(admin, prefix);
        await admin.quit();
      });

      it('serves the old cards and shares points, streak and leaderboard', async () => {
        await restartScenario(async () => new RedisStore({ client: new Redis(url), prefix }));
        expect(await admin.keys(`${prefix}*`)).not.toHaveLength(0);
      });
    });
  });
});

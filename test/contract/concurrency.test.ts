import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { createBackpropCore as createCore } from '../../src/bootstrap.js';
import type { Store } from '../../src/core/store.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryStore } from '../../src/store/memory-store.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { RedisStore } from '../../src/store/redis-store.js';
import { aBank, aCommunity, aQuestion, aUser } from '../support/builders.js';
import { deletePrefix, uniquePrefix, withRedis } from '../support/redis.js';
import { cryptoRandom } from '../../src/random.js';

const USERS = 50;
const PER_USER = 4;

/**
 * 200 answers from 50 users at once, each also sent a second time concurrently (a double click):
 * totals must be exact and nothing counted twice. The repeat gets the first's result; another
 * choice afterwards is "already answered".
 */
async function hammer(store: Store): Promise<void> {
  const questions = Array.from({ length: PER_USER }, (_, i) => aQuestion({ id: `cq${i}`, difficulty: 'advanced', prompt: `Concurrency prompt ${i}?` }));
  const core = createCore({ bank: aBank(questions), store, clock: { now: () => Date.now() }, random: cryptoRandom });
  const community = aCommunity(`conc-${Math.random().toString(36).slice(2)}`);
  const users = Array.from({ length: USERS }, (_, i) => aUser(`user${i}`, community));
  await Promise.all(users.map((u, i) => core.teams.join(u, `Team ${i % 5}`)));
  const deliveries = [];
  for (const u of users) {
    for (let k = 0; k < PER_USER; k++) {
      const quiz = await core.quiz.start({ user: u, mode: 'choice' });
      if (!quiz.ok) throw new Error(quiz.code);
      deliveries.push({ u, id: quiz.value.delivery.id, pos: quiz.value.options.indexOf(quiz.value.question.choices.correct) });
    }
  }
  const results = await Promise.all(deliveries.flatMap((d) => [core.quiz.answerChoice(d.u, d.id, d.pos), core.quiz.answerChoice(d.u, d.id, d.pos)]));
  expect(results.filter((r) => r.ok)).toHaveLength(2 * USERS * PER_USER);
  expect(results.every((r) => r.ok && r.value.outcome.points === 30)).toBe(true);
  const others = await Promise.all(deliveries.map((d) => core.quiz.answerChoice(d.u, d.id, (d.pos + 1) % 4)));
  expect(others.filter((r) => !r.ok && r.code === 'ALREADY_ANSWERED')).toHaveLength(USERS * PER_USER);

  for (const u of users) expect(await core.profile.stats(u)).toMatchObject({ answered: PER_USER, correct: PER_USER, points: PER_USER * 30 });
  const board = await store.getLeaderboard(community, { scope: 'users', period: 'all', key: 'all' }, 0, 100, 'user0');
  expect(board.total).toBe(USERS);
  expect(board.entries.reduce((s, e) => s + e.score, 0)).toBe(USERS * PER_USER * 30);
  const teams = await core.profile.leaderboard(community, 'teams', 'week', 1, '');
  expect(teams.entries.map((e) => e.score)).toEqual([1200, 1200, 1200, 1200, 1200]);
  expect((await core.teams.list(community)).map((t) => t.members)).toEqual([10, 10, 10, 10, 10]);
}

describe('concurrent answers', () => {
  it('are exact on MemoryStore', async () => {
    await hammer(await MemoryStore.open({ clock: { now: () => Date.now() } }));
  });

  it('are exact on SqliteStore', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'backprop-conc-'));
    const store = await SqliteStore.open({ clock: { now: () => Date.now() }, dataDir: dir });
    try {
      await hammer(store);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  withRedis((url) => {
    it('are exact on RedisStore', async () => {
      const prefix = uniquePrefix();
      const store = new RedisStore({ client: new Redis(url), prefix });
      const admin = new Redis(url);
      try {
        await hammer(store);
      } finally {
        await deletePrefix(admin, prefix);
        await admin.quit();
        await store.close();
      }
    });
  });
});

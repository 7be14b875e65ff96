import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { projectRoot } from '../../../src/paths.js';
import { makeTestApp, writeFixtureBank } from '../../support/app.js';
import { FakeDiscord } from '../../support/fake-discord/index.js';
import { shardOf } from '../../support/fake-discord/gateway-server.js';
import { deletePrefix, uniquePrefix, withRedis } from '../../support/redis.js';
import { FIXTURE_CORRECT, optionLabel, text } from './flow-helpers.js';
import { deploy, expectDiscordRulesKept } from './harness.js';

describe('DISCORD_SHARD_COUNT and DISCORD_SHARD_IDS', () => {
  const env = (vars: Record<string, string>) => loadConfig({ DISCORD_TOKEN: 't', ...vars }).discord?.shards;
  it('reads the shards a process runs, and names the variable to fix', () => {
    expect(env({})).toBeUndefined();
    expect(env({ DISCORD_SHARD_COUNT: 'auto' })).toEqual({ count: 'auto' });
    expect(env({ DISCORD_SHARD_COUNT: '8', DISCORD_SHARD_IDS: '0, 2,4-6' })).toEqual({ count: 8, ids: [0, 2, 4, 5, 6] });
    expect(() => env({ DISCORD_SHARD_COUNT: '2', DISCORD_SHARD_IDS: '2' })).toThrow(/DISCORD_SHARD_IDS must be shard ids from 0 to 1/);
    expect(() => env({ DISCORD_SHARD_IDS: '0' })).toThrow(/DISCORD_SHARD_IDS needs DISCORD_SHARD_COUNT/);
    expect(() => env({ DISCORD_SHARD_COUNT: 'auto', DISCORD_SHARD_IDS: '0' })).toThrow(/not auto/);
    expect(() => env({ DISCORD_SHARD_COUNT: 'many' })).toThrow(/DISCORD_SHARD_COUNT must be auto or the number of shards/);
  });
});

/** Two `npm start` processes on one Redis, one shard each, against a fake Discord that shards. */
describe('two processes, one shard each', () => {
  withRedis((url) => {
    let fake: FakeDiscord;
    let dir: string;
    const prefix = uniquePrefix();
    const procs: (ChildProcess & { log: () => string })[] = [];

    const start = (shard: number) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
        cwd: projectRoot,
        env: {
          PATH: process.env['PATH'] ?? '', DISCORD_TOKEN: fake.token, DISCORD_API_BASE: fake.apiBase, BANK_DIR: join(dir, 'bank'),
          REDIS_URL: url, REDIS_PREFIX: prefix, PORT: '0', LOG_LEVEL: 'debug', LOG_FORMAT: 'json',
          DISCORD_SHARD_COUNT: '2', DISCORD_SHARD_IDS: String(shard),
        },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let log = '';
      child.stderr.on('data', (d: Buffer) => (log += d.toString()));
      const proc = Object.assign(child, { log: () => log });
      procs.push(proc);
      return proc;
    };
    /** The communities whose interactions a process handled, from its interaction log lines. */
    const served = (p: { log: () => string }) =>
      new Set(p.log().split('\n').filter((l) => l.includes('"interaction handled"')).map((l) => (JSON.parse(l) as { community: string }).community));

    beforeAll(async () => {
      fake = await FakeDiscord.start({ shards: 2, guildShard: 1 });
      dir = mkdtempSync(join(tmpdir(), 'backprop-shards-'));
      writeFixtureBank(join(dir, 'bank'));
      await deploy(fake, await makeTestApp());
    });
    afterAll(async () => {
      for (const p of procs) p.kill('SIGTERM');
      await Promise.all(procs.map((p) => (p.exitCode === null ? new Promise((r) => p.once('exit', r)) : Promise.resolve())));
      await fake?.stop();
      const admin = new Redis(url);
      await deletePrefix(admin, prefix);
      await admin.quit();
      rmSync(dir, { recursive: true, force: true });
    });

    it("identify as [0, 2] and [1, 2]; each serves only its shard's interactions, and nothing is lost", async () => {
      expect(shardOf(fake.guildId, 2)).toBe(1);
      const [zero, one] = [start(0), start(1)];
      await fake.gateway.waitUntilConnected(40_000, 2).catch((err: unknown) => {
        throw new Error(`${String(err)}\n--- shard 0\n${zero.log()}\n--- shard 1\n${one.log()}`);
      });
      expect(fake.gateway.identifies.map((d) => d.shard).sort()).toEqual([[0, 2], [1, 2]]);

      // The guild is on shard 1, DMs on shard 0.
      const members = ['Ada', 'Bo', 'Cy'].map((n) => fake.member(n));
      for (const m of members) {
        const card = await fake.slash(m, 'quiz', { options: { topic: 'cnn' } }).response(15_000);
        const answered = await fake.click(m, card.message, optionLabel(card.message, FIXTURE_CORRECT)).response();
        expect(text(answered.message)).toContain('Correct! **+20 points**');
      }
      const dm = fake.dmUser('Dee');
      expect(text((await fake.slash(dm, 'help').response(15_000)).message)).toContain('/quiz');
      const board = await fake.slash(members[0]!, 'leaderboard').response();
      for (const n of ['Ada', 'Bo', 'Cy']) expect(text(board.message)).toContain(`${n} — 20 points`);

      expect([...served(one)]).toEqual([fake.guildId]);
      expect([...served(zero)]).toEqual([`dm:${dm.user.id}`]);
      expectDiscordRulesKept(fake);
    }, 90_000);
  });
});

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { projectRoot } from '../../src/paths.js';
import type { DailySchedule } from '../../src/core/daily/schedule.js';
import { RedisStore } from '../../src/store/redis-store.js';
import { writeFixtureBank } from './app.js';
import { FakeDiscord } from './fake-discord/index.js';
import { deletePrefix, uniquePrefix } from './redis-keys.js';

export type Proc = ChildProcess & { log: () => string };

/** Spawns a TypeScript entry of this repository as its own process, its stderr (the JSON log) kept. */
export function spawnEntry(entry: string, env: Record<string, string>): Proc {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: projectRoot,
    env: { PATH: process.env['PATH'] ?? '', LOG_FORMAT: 'json', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
  return Object.assign(child, { log: () => log });
}

/** Starts src/discord-proxy.ts in front of `upstream`, on a free loopback port; resolves its API base. */
export async function startProxy(upstream: string, env: Record<string, string> = {}): Promise<{ proc: Proc; apiBase: string }> {
  const proc = spawnEntry('src/discord-proxy.ts', { DISCORD_PROXY_PORT: '0', DISCORD_PROXY_UPSTREAM: upstream, ...env });
  const until = Date.now() + 30_000;
  for (;;) {
    const port = /"port":(\d+).*"discord proxy listening"/.exec(proc.log())?.[1];
    if (port) return { proc, apiBase: `http://127.0.0.1:${port}/api` };
    if (proc.exitCode !== null || Date.now() > until) throw new Error(`the Discord proxy did not start:\n${proc.log()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function stopAll(procs: Proc[]): Promise<void> {
  for (const p of procs) if (p.exitCode === null) p.kill('SIGTERM');
  await Promise.all(procs.map((p) => (p.exitCode === null ? new Promise((r) => p.once('exit', r)) : Promise.resolve())));
}

export interface FanOutResult {
  channels: number;
  /** Channel posts Discord (the fake) accepted, and how many distinct channels they went to. */
  posted: number;
  postedChannels: number;
  /** 429s the fake answered (it enforces 50 requests per second for the bot). */
  rateLimited: number;
  /** Milliseconds from the fake's first accepted channel post to its last. */
  spanMs: number;
  logs: string[];
}

/**
 * Two `npm start` processes of the bot (shards 0 and 1) on one Redis, their REST through one proxy (or each straight
 * to Discord), against a fake Discord that enforces the global limit. Every channel gets a daily
 * question due at the next minute, so both processes' schedulers fan out at the same tick and
 * the store's slot claims split the channels between them.
 */
export async function fanOutDaily(opts: { redisUrl: string; channels: number; viaProxy: boolean; perSecond?: number; proxyEnv?: Record<string, string> }): Promise<FanOutResult> {
  const fake = await FakeDiscord.start({ shards: 2, extraChannels: opts.channels, globalPerSecond: opts.perSecond ?? 50 });
  const dir = mkdtempSync(join(tmpdir(), 'backprop-fanout-'));
  const prefix = uniquePrefix();
  const procs: Proc[] = [];
  const admin = new Redis(opts.redisUrl);
  try {
    writeFixtureBank(join(dir, 'bank'));
    let apiBase = fake.apiBase;
    if (opts.viaProxy) {
      const proxy = await startProxy(fake.apiBase, opts.proxyEnv);
      procs.push(proxy.proc);
      apiBase = proxy.apiBase;
    }
    const env = {
      DISCORD_TOKEN: fake.token, DISCORD_API_BASE: apiBase, BANK_DIR: join(dir, 'bank'),
      REDIS_URL: opts.redisUrl, REDIS_PREFIX: prefix, PORT: '0', LOG_LEVEL: 'info',
    };
    // Two shards of one bot, as the README's sharding runs them; the daily posts need no gateway.
    const bots = [0, 1].map((shard) => spawnEntry('src/main.ts', { ...env, DISCORD_SHARD_COUNT: '2', DISCORD_SHARD_IDS: String(shard) }));
    procs.push(...bots);
    await fake.gateway.waitUntilConnected(60_000, 2).catch((err: unknown) => {
      throw new Error(`${String(err)}\n${bots.map((b) => b.log()).join('\n---\n')}`);
    });

    // Due at the start of a minute when both schedulers tick: the next one, unless it is too close
    // for every schedule to be saved first (then the one after).
    const due = new Date((Math.floor((Date.now() + 10_000) / 60_000) + 1) * 60_000);
    const time = `${String(due.getUTCHours()).padStart(2, '0')}:${String(due.getUTCMinutes()).padStart(2, '0')}`;
    const store = new RedisStore({ client: new Redis(opts.redisUrl), prefix });
    const community = { platform: 'discord', id: fake.guildId };
    for (const channel of fake.extraChannels) {
      const schedule: DailySchedule = {
        channelId: channel.id, time, timeZone: 'UTC', weekdays: [1, 2, 3, 4, 5, 6, 7], mode: 'choice', revealAfterMinutes: 480, createdBy: 'bench', createdAt: Date.now(),
      };
      await store.saveSchedule(community, schedule);
    }
    await store.close();

    const posts = () => fake.rest.requests.filter((r) => r.method === 'POST' && /^\/channels\/\d+\/messages$/.test(r.path) && r.status === 200);
    const until = due.getTime() + 30_000 + (opts.channels / (opts.perSecond ?? 50)) * 3000;
    while (posts().length < opts.channels && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    // Anything still in flight (a duplicate would show here) lands before counting.
    await new Promise((r) => setTimeout(r, 500));
    const accepted = posts();
    return {
      channels: opts.channels,
      posted: accepted.length,
      postedChannels: new Set(accepted.map((r) => r.path)).size,
      rateLimited: fake.rest.requests.filter((r) => r.status === 429).length,
      spanMs: accepted.length > 1 ? accepted[accepted.length - 1]!.at - accepted[0]!.at : 0,
      logs: procs.map((p) => p.log()),
    };
  } finally {
    await stopAll(procs);
    await fake.stop();
    await deletePrefix(admin, prefix);
    await admin.quit();
    rmSync(dir, { recursive: true, force: true });
  }
}

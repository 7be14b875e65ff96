// Shared REST rate limit against the fake Discord enforcing the global 50 requests/s.
//  1. Two processes, each one discord.js REST client posting to half of CHANNELS channels (default
//     2,000) at once, through one src/discord-proxy.ts: the span from the first accepted post to the
//     last against the limit's own bound (the last window opens floor((N-1)/50) s after the first),
//     as a ratio, and the 429s the fake answered; then the same straight to the fake, for contrast.
//  2. BOTS=1 adds the whole bot: two `npm start` processes fanning out a daily question to
//     BOT_CHANNELS channels (default 2,000) through one proxy (the test runs 200); on a loaded box
//     this measures the processes' own post pipeline (8 posts in flight each) more than the limit.
// DISCORD_PROXY_OFFSET_MS is passed to the proxy. `npm run bench:proxy`; BOTS=1 needs Redis (REDIS_URL, default redis://127.0.0.1:6379).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../src/paths.js';
import { FakeDiscord } from '../test/support/fake-discord/index.js';
import { fanOutDaily, startProxy } from '../test/support/proxy-fanout.js';

const PER_SECOND = 50;
const channels = Number(process.env['CHANNELS'] ?? 2000);
const redisUrl = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const bound = (n: number) => Math.floor((n - 1) / PER_SECOND) * 1000;
const load = () => loadavg().map((l) => l.toFixed(1)).join(' ');

function client(apiBase: string, token: string, ids: string[], dir: string, n: number): Promise<void> {
  const file = join(dir, `channels-${n}.json`);
  writeFileSync(file, JSON.stringify(ids));
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/proxy-client.ts'], {
    cwd: projectRoot,
    env: { PATH: process.env['PATH'] ?? '', API_BASE: apiBase, TOKEN: token, CHANNELS_FILE: file },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return new Promise((resolve, reject) => child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`client exited with ${code}`)))));
}

async function restClients(viaProxy: boolean): Promise<{ posted: number; rateLimited: number; spanMs: number }> {
  const fake = await FakeDiscord.start({ extraChannels: channels, globalPerSecond: PER_SECOND });
  const dir = mkdtempSync(join(tmpdir(), 'backprop-bench-proxy-'));
  const offset = process.env['DISCORD_PROXY_OFFSET_MS'];
  const proxy = viaProxy ? await startProxy(fake.apiBase, offset ? { DISCORD_PROXY_OFFSET_MS: offset } : {}) : null;
  try {
    const ids = fake.extraChannels.map((c) => c.id);
    const half = Math.ceil(ids.length / 2);
    await Promise.all([client(proxy?.apiBase ?? fake.apiBase, fake.token, ids.slice(0, half), dir, 0), client(proxy?.apiBase ?? fake.apiBase, fake.token, ids.slice(half), dir, 1)]);
    const accepted = fake.rest.requests.filter((r) => r.method === 'POST' && r.status === 200);
    return {
      posted: accepted.length,
      rateLimited: fake.rest.requests.filter((r) => r.status === 429).length,
      spanMs: accepted.length > 1 ? accepted[accepted.length - 1]!.at - accepted[0]!.at : 0,
    };
  } finally {
    proxy?.proc.kill('SIGTERM');
    await fake.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

console.log(`load average before: ${load()}`);
const shared = await restClients(true);
console.log(`two REST clients, one proxy: ${shared.posted}/${channels} posted, ${shared.rateLimited} × 429, ${(shared.spanMs / 1000).toFixed(2)} s ` +
  `against the limit's bound of ${(bound(channels) / 1000).toFixed(0)} s: ${(shared.spanMs / bound(channels)).toFixed(3)}×`);
const alone = await restClients(false);
console.log(`two REST clients, each straight to Discord: ${alone.posted}/${channels} posted, ${alone.rateLimited} × 429, ${(alone.spanMs / 1000).toFixed(2)} s`);
if (process.env['BOTS'] === '1') {
  const botChannels = Number(process.env['BOT_CHANNELS'] ?? 2000);
  const offset = process.env['DISCORD_PROXY_OFFSET_MS'];
  const bots = await fanOutDaily({ redisUrl, channels: botChannels, viaProxy: true, perSecond: PER_SECOND, proxyEnv: offset ? { DISCORD_PROXY_OFFSET_MS: offset } : {} });
  console.log(`two bot processes' daily fan-out, one proxy: ${bots.posted}/${botChannels} posted, ${bots.rateLimited} × 429, ` +
    `${(bots.spanMs / 1000).toFixed(2)} s against ${(bound(botChannels) / 1000).toFixed(0)} s: ${(bots.spanMs / bound(botChannels)).toFixed(3)}×`);
}
console.log(`load average after: ${load()}`);

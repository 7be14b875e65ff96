// Shared REST rate limit: two bot processes fan out one daily question to each of CHANNELS channels
// (default 2,000) at the same tick, their REST through one src/discord-proxy.ts, against the fake
// Discord enforcing the global 50 requests/s. Reported: the span from the first accepted post to
// the last against the bound of the limit itself (the last window opens floor((N-1)/50) s after
// the first), as a ratio, and the 429s the fake answered. A second run with the processes going
// straight to the fake (COMPARE_CHANNELS, default 200) shows what the proxy prevents.
// `npm run bench:proxy`; needs Redis (REDIS_URL, default redis://127.0.0.1:6379).
import { loadavg } from 'node:os';
import { fanOutDaily } from '../test/support/proxy-fanout.js';

const PER_SECOND = 50;
const channels = Number(process.env['CHANNELS'] ?? 2000);
const compareChannels = Number(process.env['COMPARE_CHANNELS'] ?? 200);
const redisUrl = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';

const load = () => loadavg().map((l) => l.toFixed(1)).join(' ');
console.log(`load average before: ${load()}`);
const shared = await fanOutDaily({ redisUrl, channels, viaProxy: true, perSecond: PER_SECOND });
const boundMs = Math.floor((channels - 1) / PER_SECOND) * 1000;
console.log(`through one proxy: ${shared.posted}/${channels} posted to ${shared.postedChannels} channels, ${shared.rateLimited} × 429, ` +
  `${(shared.spanMs / 1000).toFixed(2)} s against the limit's bound of ${(boundMs / 1000).toFixed(0)} s: ${(shared.spanMs / boundMs).toFixed(3)}×`);
if (compareChannels > 0) {
  const alone = await fanOutDaily({ redisUrl, channels: compareChannels, viaProxy: false, perSecond: PER_SECOND });
  console.log(`each process straight to Discord: ${alone.posted}/${compareChannels} posted, ${alone.rateLimited} × 429 (Discord counts invalid requests: 10,000 per 10 minutes bans the IP for an hour)`);
}
console.log(`load average after: ${load()}`);

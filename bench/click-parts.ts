// Where a click's time goes: the clicks of a run are recorded (their store input and the script's
// key and arguments), then replayed on one connection, layer by layer, in interleaved rounds: the
// minimal three-write script, a do-nothing script given the click's key and arguments, the real
// script by raw EVALSHA, RedisStore.recordAnswer, the whole click, and the whole click with the
// learning loop's review and the heat-map count left out of its queued entry (other posts, other
// keys). Then the work a click leaves for later: folding its queued entry into the member's stats,
// heat map and card. Microseconds per call: the median of the rounds' means, and the median
// call. Then Redis's side of a click: the commands the script runs and their time, from INFO
// commandstats (which counts a script's inner commands too). `npm run bench:click` (REDIS_URL,
// default redis://127.0.0.1:6379).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import { projectRoot } from '../src/paths.js';
import { RedisStore } from '../src/store/redis-store.js';
import { MINIMAL_SCRIPT, dropKeys, minimalKeys, recordedClicks, renamed } from './click-bench.js';

const url = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const ROUNDS = 5;
const PER = 1000;
const WARM_UP = 200;
const BREAKDOWN = 2000;
const prefix = `bench-click:${process.pid}:`;
const admin = new Redis(url);
const { click, inputs, scriptArgs, store, clear } = await recordedClicks(url, prefix, ROUNDS * PER + WARM_UP + BREAKDOWN);
// The same clicks with the learning loop's review and the heat-map count left out of what is queued.
const lean = await recordedClicks(url, `${prefix}lean:`, ROUNDS * PER + WARM_UP, { withoutReview: true });

// Replays write under their own prefix each, so each layer starts from the same empty state.
const scriptSha = (await admin.script('LOAD', readFileSync(join(projectRoot, 'src/store/lua/record-answer-1.lua'), 'utf8'))) as string;
const noopSha = (await admin.script('LOAD', 'return {1, 0, 0, 0, 0, 0, 0, 1}')) as string;
const minimalSha = (await admin.script('LOAD', MINIMAL_SCRIPT)) as string;
const replayStore = new RedisStore({ client: new Redis(url), prefix: `${prefix}store:` });
const MINIMAL = 'the minimal three-write script';
const layers: [string, (i: number) => Promise<unknown>][] = [
  [MINIMAL, (i) => admin.evalsha(minimalSha, 3, ...minimalKeys(prefix, i))],
  ["a do-nothing script given the click's key and arguments", (i) => admin.evalsha(noopSha, 1, ...renamed(scriptArgs[i]!, prefix, 'noop'))],
  ['record-answer-1 by raw EVALSHA', (i) => admin.evalsha(scriptSha, 1, ...renamed(scriptArgs[i]!, prefix, 'raw'))],
  ["RedisStore.recordAnswer with the click's input", (i) => replayStore.recordAnswer(inputs[i]!)],
];

/** INFO commandstats as command -> [calls, µs]. */
async function commandStats(): Promise<Map<string, [number, number]>> {
  const out = new Map<string, [number, number]>();
  for (const m of (await admin.info('commandstats')).matchAll(/cmdstat_(\w+):calls=(\d+),usec=(\d+)/g)) out.set(m[1]!, [Number(m[2]), Number(m[3])]);
  return out;
}
const redisSide: [string, number, number][] = [];
let foldUs = 0;

const WHOLE = 'the whole click (answerChoice)';
const WITHOUT_REVIEW = 'the whole click, its queued entry without review or heat map';
const names = [...layers.map(([n]) => n), WHOLE, WITHOUT_REVIEW];
/** Per layer: each round's mean, and every call (the box's stalls move means far more than medians). */
const samples = new Map(names.map((n): [string, number[]] => [n, []]));
const calls = new Map(names.map((n): [string, number[]] => [n, []]));
async function round(name: string, from: number, run: (i: number) => Promise<unknown>): Promise<void> {
  const each = calls.get(name)!;
  const start = performance.now();
  for (let i = from; i < from + PER; i++) {
    const t = performance.now();
    await run(i);
    each.push((performance.now() - t) * 1000);
  }
  samples.get(name)!.push(((performance.now() - start) / PER) * 1000);
}
try {
  for (let i = 0; i < WARM_UP; i++) await Promise.all([click(), lean.click()]); // not replayed
  clear();
  for (let r = 0; r < ROUNDS; r++) {
    await round(WHOLE, 0, click);
    await round(WITHOUT_REVIEW, 0, lean.click);
    for (const [name, run] of layers) await round(name, r * PER, run);
  }
  // What the clicks left for later: each member's queued reviews folded into their cards (as the
  // member's next read, or the background fold of a long queue, does), per click made.
  const clicked = ROUNDS * PER + WARM_UP;
  const foldStart = performance.now();
  for (let m = 0; m < 500; m++) await store.countDue({ community: { platform: 'discord', id: 'bench' }, userId: `m${m}`, displayName: '' }, 0);
  foldUs = ((performance.now() - foldStart) / clicked) * 1000;
  // Redis's side: nothing else may use this Redis meanwhile (the INFO calls themselves are left out).
  const before = await commandStats();
  for (let i = 0; i < BREAKDOWN; i++) await click();
  for (const [name, [calls, usec]] of await commandStats()) {
    const [c0, u0] = before.get(name) ?? [0, 0];
    if (name !== 'info' && calls > c0) redisSide.push([name, (calls - c0) / BREAKDOWN, (usec - u0) / BREAKDOWN]);
  }
} finally {
  await dropKeys(admin, prefix);
  await Promise.all([admin.quit(), store.close(), lean.store.close(), replayStore.close()]);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.log(`µs per call on one connection: median of ${ROUNDS} interleaved rounds of ${PER} (round means), and the median call:`);
for (const name of names) console.log(`  ${name.padEnd(56)}${median(samples.get(name)!).toFixed(0).padStart(6)}${median(calls.get(name)!).toFixed(0).padStart(6)}`);
const against = (of: Map<string, number[]>) =>
  `the whole click ${(median(of.get(MINIMAL)!) / median(of.get(WHOLE)!)).toFixed(2)}×, queuing no review or heat map ${(median(of.get(MINIMAL)!) / median(of.get(WITHOUT_REVIEW)!)).toFixed(2)}×`;
console.log(`ops/s against the minimal script, by round means: ${against(samples)}; by median calls: ${against(calls)}`);
console.log(`folding the clicks' queued reviews into the cards afterwards, one member at a time: ${foldUs.toFixed(1)} µs a click (off the click's path)`);

redisSide.sort((a, b) => b[2] - a[2]);
const inner = redisSide.filter(([name]) => name !== 'evalsha').reduce((sum, [, , us]) => sum + us, 0);
const script = redisSide.find(([name]) => name === 'evalsha')?.[2] ?? 0;
console.log(`Redis's side of a click, INFO commandstats over ${BREAKDOWN} clicks (per click):`);
for (const [name, calls, us] of redisSide) console.log(`  ${name.padEnd(12)}${calls.toFixed(2).padStart(6)} calls${us.toFixed(1).padStart(7)} µs`);
console.log(`  the script ${script.toFixed(1)} µs, of which its commands ${inner.toFixed(1)} µs and the script machinery (arguments, redis.call, Lua) ${(script - inner).toFixed(1)} µs`);

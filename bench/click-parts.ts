// Where a click's time goes: the clicks of a run are recorded (their store input and the script's
// keys and arguments), then replayed on one connection, layer by layer, in interleaved rounds:
// the minimal three-write script, a do-nothing script given the click's key and arguments, the real script
// by raw EVALSHA, RedisStore.recordAnswer, the whole click, and the whole click with the learning
// loop's review and the heat-map count left out (what that product decision would buy; other
// posts, other keys). Then Redis's side of a click: the
// commands the script runs and their time, from INFO commandstats (which counts a script's inner
// commands too). `npm run bench:click` (REDIS_URL, default redis://127.0.0.1:6379). Microseconds
// per call, medians of the rounds.
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
// The same clicks with the learning loop's review and the heat-map count left out of the click.
const lean = await recordedClicks(url, `${prefix}lean:`, ROUNDS * PER + WARM_UP, { withoutReview: true });

// Replays write under their own prefix each, so each layer starts from the same empty state.
const scriptSha = (await admin.script('LOAD', readFileSync(join(projectRoot, 'src/store/lua/record-answer-1.lua'), 'utf8'))) as string;
const noopSha = (await admin.script('LOAD', 'return {1, 0, 0, 0, 0, 0, 0, 1}')) as string;
const minimalSha = (await admin.script('LOAD', MINIMAL_SCRIPT)) as string;
const replayStore = new RedisStore({ client: new Redis(url), prefix: `${prefix}store:` });
const layers: [string, (i: number) => Promise<unknown>][] = [
  ['the minimal three-write script', (i) => admin.evalsha(minimalSha, 3, ...minimalKeys(prefix, i))],
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

const WITHOUT_REVIEW = 'the whole click without the review and heat map';
const samples = new Map<string, number[]>([['the whole click (answerChoice)', []], [WITHOUT_REVIEW, []], ...layers.map(([name]): [string, number[]] => [name, []])]);
try {
  for (let i = 0; i < WARM_UP; i++) await Promise.all([click(), lean.click()]); // not replayed
  clear();
  for (let r = 0; r < ROUNDS; r++) {
    const start = performance.now();
    for (let i = 0; i < PER; i++) await click();
    samples.get('the whole click (answerChoice)')!.push(((performance.now() - start) / PER) * 1000);
    const leanStart = performance.now();
    for (let i = 0; i < PER; i++) await lean.click();
    samples.get(WITHOUT_REVIEW)!.push(((performance.now() - leanStart) / PER) * 1000);
    for (const [name, run] of layers) {
      const t = performance.now();
      for (let i = r * PER; i < (r + 1) * PER; i++) await run(i);
      samples.get(name)!.push(((performance.now() - t) / PER) * 1000);
    }
  }
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
console.log(`µs per call on one connection, median of ${ROUNDS} interleaved rounds of ${PER}:`);
for (const name of [...layers.map(([n]) => n), 'the whole click (answerChoice)', WITHOUT_REVIEW]) console.log(`  ${name.padEnd(56)}${median(samples.get(name)!).toFixed(0).padStart(6)}`);

const minimal = median(samples.get('the minimal three-write script')!);
console.log(`ops/s against the minimal script: the whole click ${(minimal / median(samples.get('the whole click (answerChoice)')!)).toFixed(2)}×, without the review and heat map ${(minimal / median(samples.get(WITHOUT_REVIEW)!)).toFixed(2)}×`);

redisSide.sort((a, b) => b[2] - a[2]);
const inner = redisSide.filter(([name]) => name !== 'evalsha').reduce((sum, [, , us]) => sum + us, 0);
const script = redisSide.find(([name]) => name === 'evalsha')?.[2] ?? 0;
console.log(`Redis's side of a click, INFO commandstats over ${BREAKDOWN} clicks (per click):`);
for (const [name, calls, us] of redisSide) console.log(`  ${name.padEnd(12)}${calls.toFixed(2).padStart(6)} calls${us.toFixed(1).padStart(7)} µs`);
console.log(`  the script ${script.toFixed(1)} µs, of which its commands ${inner.toFixed(1)} µs and the script machinery (arguments, redis.call, Lua) ${(script - inner).toFixed(1)} µs`);

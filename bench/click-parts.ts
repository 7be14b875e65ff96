// Where a click's time goes: the clicks of a run are recorded (their store input and the script's
// keys and arguments), then replayed on one connection, layer by layer, in interleaved rounds:
// the minimal three-write script, a do-nothing script given the click's arguments, the real script
// by raw EVALSHA, RedisStore.recordAnswer, and the whole click. `npm run bench:click` (REDIS_URL,
// default redis://127.0.0.1:6379). Microseconds per call, medians of the rounds.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import type { AnswerInput } from '../src/core/answer-rules.js';
import type { UserRef } from '../src/core/identity.js';
import { loadBank } from '../src/bank-loader.js';
import { createBackpropCore } from '../src/bootstrap.js';
import { projectRoot } from '../src/paths.js';
import { cryptoRandom } from '../src/random.js';
import { RedisStore } from '../src/store/redis-store.js';

const url = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const ROUNDS = 5;
const PER = 1000;
const WARM_UP = 200;
const prefix = `bench-click:${process.pid}:`;
const admin = new Redis(url);

// The click path, with its store input and script arguments recorded as they go out.
const client = new Redis(url) as Redis & { recordAnswer(...args: unknown[]): Promise<unknown> };
const store = new RedisStore({ client, prefix });
const inputs: AnswerInput[] = [];
const scriptArgs: unknown[][] = [];
const send = client.recordAnswer.bind(client);
client.recordAnswer = (...args: unknown[]) => (scriptArgs.push(args), send(...args));
const record = store.recordAnswer.bind(store);
store.recordAnswer = (a: AnswerInput) => (inputs.push(a), record(a));
const core = createBackpropCore({ bank: loadBank(join(projectRoot, 'data')), store, clock: { now: () => Date.now() }, random: cryptoRandom });
const member = (i: number): UserRef => ({ community: { platform: 'discord', id: 'bench' }, userId: `m${i % 500}`, displayName: `Member ${i % 500}` });
const posts = await Promise.all(Array.from({ length: Math.ceil((ROUNDS * PER + WARM_UP) / 100) + 1 }, () => core.quiz.start({ user: member(0), mode: 'choice', shared: true })));
let clicks = 0;
const click = async () => {
  const i = clicks++;
  const post = posts[Math.floor(i / 100)]!;
  if (!post.ok) throw new Error(post.code);
  const r = await core.quiz.answerChoice(member(i + 1), post.value.delivery.id, i % 4);
  if (!r.ok) throw new Error(`click ${i}: ${r.code}`);
};

// Replays write under their own prefix each, so each layer starts from the same empty state.
const renamed = (args: unknown[], tag: string) => args.map((x) => (typeof x === 'string' ? x.replace(prefix, `${prefix}${tag}:`) : x));
const scriptSha = (await admin.script('LOAD', readFileSync(join(projectRoot, 'src/store/lua/record-answer-20.lua'), 'utf8'))) as string;
const noopSha = (await admin.script('LOAD', 'return {1, 0, 0, 0, 0, 0, 0, 1}')) as string;
const minimalSha = (await admin.script('LOAD', "redis.call('SADD', KEYS[1], ARGV[1]) redis.call('HINCRBY', KEYS[2], 'answered', 1) return redis.call('ZINCRBY', KEYS[3], 20, ARGV[1])")) as string;
const replayStore = new RedisStore({ client: new Redis(url), prefix: `${prefix}store:` });
const tag = `${prefix}{discord:bench}:`;
const layers: [string, (i: number) => Promise<unknown>][] = [
  ['the minimal three-write script', (i) => admin.evalsha(minimalSha, 3, `${tag}a:${Math.floor(i / 100)}`, `${tag}s:${i % 500}`, `${tag}b`, `u${i % 500}`)],
  ["a do-nothing script given the click's keys and arguments", (i) => admin.evalsha(noopSha, 20, ...(renamed(scriptArgs[i]!, 'noop') as string[]))],
  ['record-answer-20 by raw EVALSHA', (i) => admin.evalsha(scriptSha, 20, ...(renamed(scriptArgs[i]!, 'raw') as string[]))],
  ["RedisStore.recordAnswer with the click's input", (i) => replayStore.recordAnswer(inputs[i]!)],
];

const samples = new Map<string, number[]>([['the whole click (answerChoice)', []], ...layers.map(([name]): [string, number[]] => [name, []])]);
try {
  for (let i = 0; i < WARM_UP; i++) await click(); // not replayed
  inputs.length = 0;
  scriptArgs.length = 0;
  for (let r = 0; r < ROUNDS; r++) {
    const start = performance.now();
    for (let i = 0; i < PER; i++) await click();
    samples.get('the whole click (answerChoice)')!.push(((performance.now() - start) / PER) * 1000);
    for (const [name, run] of layers) {
      const t = performance.now();
      for (let i = r * PER; i < (r + 1) * PER; i++) await run(i);
      samples.get(name)!.push(((performance.now() - t) / PER) * 1000);
    }
  }
} finally {
  let cursor = '0';
  do {
    const [next, keys] = await admin.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length) await admin.del(...keys);
  } while (cursor !== '0');
  await Promise.all([admin.quit(), store.close(), replayStore.close()]);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.log(`µs per call on one connection, median of ${ROUNDS} interleaved rounds of ${PER}:`);
for (const name of [...layers.map(([n]) => n), 'the whole click (answerChoice)']) console.log(`  ${name.padEnd(56)}${median(samples.get(name)!).toFixed(0).padStart(6)}`);

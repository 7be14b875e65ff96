// Benchmarks, reported as ratios against a baseline measured in the same run (so the numbers
// mean the same on a laptop and a loaded CI box). `npm run bench` (REDIS_URL, default 127.0.0.1:6379).
import { performance } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import { loadBank } from '../src/bank-loader.js';
import { RubricGrader } from '../src/core/grading/rubric.js';
import { stemTokens } from '../src/core/grading/text-match.js';
import { RedisStore } from '../src/store/redis-store.js';
import { MemoryStore } from '../src/store/memory-store.js';
import { projectRoot } from '../src/paths.js';
import type { AnswerInput } from '../src/core/answer-rules.js';
import type { Store } from '../src/core/store.js';
import { join } from 'node:path';
import { createBackpropCore } from '../src/bootstrap.js';
import { cryptoRandom } from '../src/random.js';
import type { UserRef } from '../src/core/identity.js';
import { MINIMAL_SCRIPT, dropKeys, median, minimalKeys, redisCpuPerOp } from './click-bench.js';

async function timeIt(n: number, fn: (i: number) => unknown): Promise<number> {
  for (let i = 0; i < Math.min(50, n); i++) await fn(i); // warm-up
  const start = performance.now();
  for (let i = 0; i < n; i++) await fn(i);
  return (performance.now() - start) / n;
}

function answer(i: number): AnswerInput {
  const now = Date.now();
  return {
    user: { community: { platform: 'discord', id: 'bench' }, userId: `u${i % 500}`, displayName: `User ${i % 500}` },
    deliveryId: `d${i}`, questionId: `q${i % 200}`, topic: 'cnn', correct: i % 3 !== 0, basePoints: 20, day: 20_000 + (i % 7),
    week: '2026-W48', month: '2026-11', weekExpiresAt: now + 86_400_000, monthExpiresAt: now + 86_400_000,
    scoreWindowMs: 60_000, now, deliveryTtlMs: 60_000,
  };
}

const rows: [string, string, number, number][] = [];
const notes: string[] = [];
const report = (name: string, baseline: string, ms: number, baseMs: number) => rows.push([name, baseline, ms, ms / baseMs]);

const url = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const prefix = `bench:${process.pid}:`;
const client = new Redis(url);
const redis = new RedisStore({ client: new Redis(url), prefix });
const memory: Store = await MemoryStore.open({ clock: { now: () => Date.now() } });
const N = 2000;

/** Redis CPU per call of a script, from INFO commandstats (calls and usec of evalsha, as deltas). */
async function scriptCpu(run: () => Promise<unknown>): Promise<number> {
  const read = async () => {
    const m = /cmdstat_evalsha:calls=(\d+),usec=(\d+)/.exec(await client.info('commandstats'));
    return { calls: Number(m?.[1] ?? 0), usec: Number(m?.[2] ?? 0) };
  };
  const before = await read();
  await run();
  const after = await read();
  return (after.usec - before.usec) / Math.max(1, after.calls - before.calls);
}

/** Counts the commands a client sends: a click's round trips to Redis. */
function countCommands(c: Redis): { count: number } {
  const counter = { count: 0 };
  const send = c.sendCommand.bind(c);
  c.sendCommand = (...args: Parameters<typeof send>) => {
    counter.count++;
    return send(...args);
  };
  return counter;
}

try {
  const ping = await timeIt(N, () => client.ping());
  report('RedisStore.recordAnswer (Lua, 1 round trip)', 'PING', await timeIt(N, (i) => redis.recordAnswer(answer(i))), ping);

  // The click path against raw EVALSHA of a minimal script of the same shape (the issue's
  // baseline): three writes to three keys of one community (answered set, stats hash, board).
  client.defineCommand('minimalScript', { numberOfKeys: 3, lua: MINIMAL_SCRIPT });
  const minimal = (i: number) => (client as Redis & { minimalScript(...a: string[]): Promise<string> }).minimalScript(...minimalKeys(prefix, i));
  const clickBank = loadBank(join(projectRoot, 'data'));
  const clickClient = new Redis(url);
  const sentCached = countCommands(clickClient);
  const clickStore = new RedisStore({ client: clickClient, prefix: `${prefix}click:` });
  const otherStore = new RedisStore({ client: new Redis(url), prefix: `${prefix}click:` });
  const clock = { now: () => Date.now() };
  const poster = createBackpropCore({ bank: clickBank, store: clickStore, clock, random: cryptoRandom });
  // Another process: the deliveries were posted by `poster`, so its first click on each reads it.
  const other = createBackpropCore({ bank: clickBank, store: otherStore, clock, random: cryptoRandom });
  const member = (i: number, run = 0): UserRef => ({ community: { platform: 'discord', id: 'bench' }, userId: `m${run}-${i % 500}`, displayName: `Member ${i % 500}` });
  // Shared daily-style deliveries, 100 members clicking each: created by `poster` (cached there).
  const CAPACITY = { rounds: 4, per: 5000, inFlight: 50 };
  const quizzes = await Promise.all(Array.from({ length: Math.ceil(Math.max(N + 9 * 50 + 600, CAPACITY.rounds * CAPACITY.per + 500) / 100) + 1 }, () => poster.quiz.start({ user: member(0), mode: 'choice', shared: true }).then((r) => (r.ok ? r.value : null))));
  const click = (core: typeof poster, run: number) => {
    let seq = 0;
    return async () => {
      const i = seq++;
      const quiz = quizzes[Math.floor(i / 100)]!;
      const r = await core.quiz.answerChoice(member(i, run), quiz.delivery.id, i % 4);
      if (!r.ok) throw new Error(`click ${i}: ${r.code}`);
    };
  };
  // Interleaved rounds, each ratio against the minimal script of the same round (the box is shared).
  const ROUNDS = 10;
  const per = Math.floor(N / ROUNDS);
  const [cached, fromRedis, recorded] = [click(poster, 1), click(other, 2), (i: number) => redis.recordAnswer(answer(i + 10 * N))];
  const ratios = { cached: [] as number[], fromRedis: [] as number[], recorded: [] as number[], ms: [] as number[] };
  const sentBefore = sentCached.count;
  let cachedClicks = 0;
  {
    for (let r = 0; r < ROUNDS; r++) {
      // Each measured between two runs of the baseline, their mean its baseline.
      // The two clicks take turns going first.
      const base0 = await timeIt(per, minimal);
      const first = r % 2 === 0 ? await timeIt(per, cached) : await timeIt(per, fromRedis);
      const base1 = await timeIt(per, minimal);
      const second = r % 2 === 0 ? await timeIt(per, fromRedis) : await timeIt(per, cached);
      const [c, f] = r % 2 === 0 ? [first, second] : [second, first];
      const base2 = await timeIt(per, minimal);
      const rec = await timeIt(per, recorded);
      const base3 = await timeIt(per, minimal);
      cachedClicks += per + Math.min(50, per);
      ratios.cached.push((2 * c) / (r % 2 === 0 ? base0 + base1 : base1 + base2));
      ratios.fromRedis.push((2 * f) / (r % 2 === 0 ? base1 + base2 : base0 + base1));
      ratios.recorded.push((2 * rec) / (base2 + base3));
      ratios.ms.push((base0 + base1 + base2 + base3) / 4);
    }
  }
  const perClick = (sentCached.count - sentBefore) / Math.max(1, cachedClicks);
  // Redis's capacity: its CPU per click against its CPU per minimal script, both driven the same way
  // (50 in flight on one connection). Node's work scales out with bot processes; this one Redis does not.
  // A click only queues its stats, heat-map count and review (lua/record-answer-1.lua); folding them
  // into the member's stats, heat map and cards is Redis work too, so each round ends by folding
  // every member's queue (as their next read would) and a click's CPU counts its share of that.
  const capacity = { minimal: [] as number[], click: [] as number[], clickAlone: [] as number[] };
  {
    const clickInFlight = click(poster, 3);
    const foldAll = (i: number) => clickStore.countDue(member(i, 3), 0);
    await redisCpuPerOp(client, 500, CAPACITY.inFlight, clickInFlight); // warm-up
    await redisCpuPerOp(client, 500, CAPACITY.inFlight, foldAll);
    for (let r = 0; r < CAPACITY.rounds; r++) {
      capacity.minimal.push(await redisCpuPerOp(client, CAPACITY.per, CAPACITY.inFlight, (i) => minimal(10 * N + r * CAPACITY.per + i)));
      const alone = await redisCpuPerOp(client, CAPACITY.per, CAPACITY.inFlight, clickInFlight);
      const folds = await redisCpuPerOp(client, 500, CAPACITY.inFlight, foldAll);
      capacity.clickAlone.push(alone);
      capacity.click.push(alone + (folds * 500) / CAPACITY.per);
    }
  }
  // The process's side of the fold: reading the queued answers back, ts-fsrs, the fold script, per answer.
  const foldStart = performance.now();
  for (let i = 0; i < 500; i++) await otherStore.countDue(member(i, 1), 0);
  const foldPerClick = (performance.now() - foldStart) / Math.max(1, cachedClicks);
  const minimalCpu = await scriptCpu(() => timeIt(500, minimal));
  const recordCpu = await scriptCpu(() => timeIt(500, cached));
  const base = median(ratios.ms);
  report('EVALSHA minimal (3 writes), median round', 'PING', base, ping);
  report('click: answerChoice, delivery cached', 'EVALSHA minimal', base * median(ratios.cached), base);
  report('click: answerChoice, delivery from Redis', 'EVALSHA minimal', base * median(ratios.fromRedis), base);
  report('RedisStore.recordAnswer', 'EVALSHA minimal', base * median(ratios.recorded), base);
  notes.push(`Redis commands per click (delivery cached, counted on the client): ${perClick.toFixed(2)}`);
  notes.push(`Redis CPU per script (INFO commandstats): record-answer ${recordCpu.toFixed(1)} µs, the minimal script ${minimalCpu.toFixed(1)} µs`);
  const capacityRatios = capacity.click.map((c, i) => capacity.minimal[i]! / c);
  notes.push(
    `Redis CPU per operation, ${CAPACITY.inFlight} in flight (INFO cpu): EVALSHA minimal ${median(capacity.minimal).toFixed(1)} µs, click ${median(capacity.click).toFixed(1)} µs ` +
      `with its share of folding the queued answers (${median(capacity.clickAlone).toFixed(1)} µs without); ` +
      `clicks/s one Redis can take against minimal scripts/s: ${median(capacityRatios).toFixed(2)}× (median of ${CAPACITY.rounds} interleaved rounds)`,
  );
  notes.push(`folding the timed clicks' queued answers afterwards, one member at a time: ${(foldPerClick * 1000).toFixed(1)} µs a click (off the click's path; not in its ratio)`);
  notes.push(`ops/s against EVALSHA minimal, median of ${ROUNDS} interleaved rounds: click (delivery cached) ${(1 / median(ratios.cached)).toFixed(2)}×, click (delivery from Redis) ${(1 / median(ratios.fromRedis)).toFixed(2)}×, recordAnswer ${(1 / median(ratios.recorded)).toFixed(2)}×`);
  await clickStore.close();
  await otherStore.close();
  const board = { scope: 'users' as const, period: 'week' as const, key: '2026-W48' };
  report('RedisStore.getLeaderboard page + own rank', 'PING', await timeIt(N, (i) => redis.getLeaderboard(answer(0).user.community, board, 0, 10, `u${i % 500}`)), ping);
  const memRecord = await timeIt(N, (i) => memory.recordAnswer(answer(i)));
  report('MemoryStore.recordAnswer (no data dir)', 'PING', memRecord, ping);

  const bank = loadBank(join(projectRoot, 'data'));
  const qs = bank.questions;

  const texts = qs.map((q) => q.answer);
  const stem = await timeIt(N, (i) => stemTokens(texts[i % texts.length]!));
  const grader = new RubricGrader(qs);
  report('grade an open answer (rubric grader)', 'stem the answer', await timeIt(N, (i) => grader.gradeNow(qs[(i * 7) % qs.length]!, texts[i % texts.length]!)), stem);

  // Why the click's path builds no { ...a, b } (eslint.config.js forbids it there): a recorded
  // answer's fields, then two more, after the spread and before it.
  const answered = { delivery: { id: 'd' }, question: qs[0], outcome: { status: 'recorded', points: 10 }, hidden: false };
  const literal = (build: (i: number) => object) => {
    let kept = 0;
    const start = performance.now();
    for (let i = 0; i < 100 * N; i++) kept += Object.keys(build(i)).length;
    const ms = (performance.now() - start) / (100 * N);
    if (kept === 0) throw new Error('nothing was built'); // the objects are used, so none is optimised away
    return ms;
  };
  const before = literal((i) => ({ kind: 'choice', chosen: i % 4, ...answered }));
  report('object literal { ...a, b, c } (V8, Node 20)', '{ b, c, ...a }', literal((i) => ({ ...answered, kind: 'choice', chosen: i % 4 })), before);
} finally {
  await dropKeys(client, prefix);
  await client.quit();
  await redis.close();
}

console.log(`${'benchmark'.padEnd(48)}${'baseline'.padEnd(18)}${'ratio'.padStart(8)}${'µs'.padStart(10)}`);
for (const [name, base, ms, ratio] of rows) console.log(`${name.padEnd(48)}${base.padEnd(18)}${ratio.toFixed(2).padStart(8)}x${(ms * 1000).toFixed(1).padStart(10)}`);
for (const note of notes) console.log(note);

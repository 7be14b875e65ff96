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
const report = (name: string, baseline: string, ms: number, baseMs: number) => rows.push([name, baseline, ms, ms / baseMs]);

const url = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const prefix = `bench:${process.pid}:`;
const client = new Redis(url);
const redis = new RedisStore({ client: new Redis(url), prefix });
const memory: Store = await MemoryStore.open({ clock: { now: () => Date.now() } });
const N = 2000;
try {
  const ping = await timeIt(N, () => client.ping());
  report('RedisStore.recordAnswer (Lua, 1 round trip)', 'PING', await timeIt(N, (i) => redis.recordAnswer(answer(i))), ping);
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
} finally {
  let cursor = '0';
  do {
    const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length) await client.del(...keys);
  } while (cursor !== '0');
  await client.quit();
  await redis.close();
}

console.log(`${'benchmark'.padEnd(48)}${'baseline'.padEnd(18)}${'ratio'.padStart(8)}`);
for (const [name, base, , ratio] of rows) console.log(`${name.padEnd(48)}${base.padEnd(18)}${ratio.toFixed(2).padStart(8)}x`);

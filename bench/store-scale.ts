// The embedded store at community sizes 0, 10,000 and 100,000 members: time per answer, answers/s
// at 50 concurrent, how long the store holds the event loop, start time, RSS, and a leaderboard
// page with the caller's rank. Each size is seeded once by a child process and measured by fresh
// ones (so start time and RSS are a real restart's), in ROUNDS interleaved rounds whose median is
// reported, as ratios against the empty store of the same run. `npm run bench:store [sizes…]`.
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { AnswerInput } from '../src/core/answer-rules.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { seedMembers } from './seed-members.js';

const COMMUNITY = { platform: 'discord' as const, id: 'bench' };
const SEQUENTIAL = 500;
const CONCURRENT_TOTAL = 3000;
const CONCURRENCY = 50;
const ROUNDS = 3;

interface Figures {
  members: number;
  startMs: number;
  perAnswerMs: number;
  answersPerSec: number;
  loopP99Ms: number;
  loopMaxMs: number;
  /** The longest a single store call ran synchronously on the event loop. */
  storeBlockMs: number;
  boardMs: number;
  rssMiB: number;
  fileMiB: number;
}

function answer(i: number, members: number, now: number): AnswerInput {
  const m = members > 0 ? (i * 7919) % members : i % 500;
  return {
    user: { community: COMMUNITY, userId: `m${m}`, displayName: `Member ${m}` },
    deliveryId: `bench-${process.pid}-${i}`, questionId: `bq${i}`, topic: 'cnn', correct: i % 3 !== 0, basePoints: 20, day: 20_400 + (i % 3),
    week: '2026-W48', month: '2026-11', weekExpiresAt: now + 86_400_000 * 40, monthExpiresAt: now + 86_400_000 * 400, scoreWindowMs: 30 * 86_400_000,
    now, deliveryTtlMs: 86_400_000,
  };
}

async function measure(dir: string, members: number): Promise<Figures> {
  const t0 = performance.now();
  const store = await SqliteStore.open({ clock: { now: () => Date.now() }, dataDir: dir, sweep: false });
  const startMs = performance.now() - t0;
  const now = Date.now();
  for (let i = 0; i < 50; i++) await store.recordAnswer(answer(1_000_000 + i, members, now)); // warm-up

  let t = performance.now();
  for (let i = 0; i < SEQUENTIAL; i++) await store.recordAnswer(answer(i, members, now));
  const perAnswerMs = (performance.now() - t) / SEQUENTIAL;

  // 50 in flight; each request starts on its own turn of the event loop, as a request would; it
  // records an answer, and every tenth also reads a leaderboard page with the member's own rank.
  const board = { scope: 'users' as const, period: 'all' as const, key: 'all' };
  let storeBlockMs = 0;
  const timed = <T>(call: () => Promise<T>): Promise<T> => {
    const s = performance.now();
    const p = call();
    storeBlockMs = Math.max(storeBlockMs, performance.now() - s);
    return p;
  };
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  let next = SEQUENTIAL;
  const end = SEQUENTIAL + CONCURRENT_TOTAL;
  t = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < end) {
        const i = next++;
        await nextTurn();
        const a = answer(i, members, now);
        await timed(() => store.recordAnswer(a));
        if (i % 10 === 0) await timed(() => store.getLeaderboard(COMMUNITY, board, 0, 10, a.user.userId));
      }
    }),
  );
  const answersPerSec = CONCURRENT_TOTAL / ((performance.now() - t) / 1000);
  loop.disable();

  t = performance.now();
  for (let i = 0; i < 200; i++) await store.getLeaderboard(COMMUNITY, board, 0, 10, `m${members > 0 ? members - 1 - i : i}`);
  const boardMs = (performance.now() - t) / 200;
  const { bytes } = await store.storageInfo();
  await store.close();
  return {
    members, startMs, perAnswerMs, answersPerSec, boardMs, storeBlockMs,
    loopP99Ms: loop.percentile(99) / 1e6, loopMaxMs: loop.max / 1e6,
    rssMiB: process.memoryUsage().rss / 2 ** 20, fileMiB: bytes / 2 ** 20,
  };
}

function child(args: string[]): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const p = fork(fileURLToPath(import.meta.url), args, { execArgv: ['--import', 'tsx'] });
    p.once('message', resolve);
    p.once('exit', (code) => (code === 0 ? resolve(null) : reject(new Error(`bench child ${args.join(' ')} exited with ${code}`))));
  });
}

const [mode, dir, n] = process.argv.slice(2);
if (mode === '--seed') {
  await seedMembers(dir!, COMMUNITY, Number(n));
  process.exit(0);
} else if (mode === '--measure') {
  process.send!(await measure(dir!, Number(n)));
  process.exit(0);
} else {
  const sizes = process.argv.length > 2 ? process.argv.slice(2).map(Number) : [0, 10_000, 100_000];
  const dirs = sizes.map(() => mkdtempSync(join(tmpdir(), 'backprop-bench-')));
  const runs: Figures[][] = sizes.map(() => []);
  try {
    for (const [i, members] of sizes.entries()) if (members > 0) await child(['--seed', dirs[i]!, String(members)]);
    for (let round = 0; round < ROUNDS; round++) {
      for (const [i, members] of sizes.entries()) runs[i]!.push((await child(['--measure', dirs[i]!, String(members)])) as Figures);
    }
  } finally {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const rows = runs.map((rs) => Object.fromEntries(Object.keys(rs[0]!).map((k) => [k, median(rs.map((r) => r[k as keyof Figures]))])) as unknown as Figures);
  const base = rows[0]!;
  const f = (x: number, d = 2) => x.toFixed(d);
  console.log(`median of ${ROUNDS} rounds; ratios against ${base.members} members`);
  console.log('members  file MiB  start ms  per answer ms (ratio)  answers/s @50 (ratio)  loop p99/max ms  store block ms  page+rank ms  RSS MiB');
  for (const r of rows) {
    console.log(
      `${String(r.members).padStart(7)}  ${f(r.fileMiB, 1).padStart(8)}  ${f(r.startMs, 0).padStart(8)}  ${`${f(r.perAnswerMs, 3)} (${f(r.perAnswerMs / base.perAnswerMs)}x)`.padStart(21)}` +
        `  ${`${f(r.answersPerSec, 0)} (${f(r.answersPerSec / base.answersPerSec)}x)`.padStart(21)}  ${`${f(r.loopP99Ms, 1)}/${f(r.loopMaxMs, 1)}`.padStart(15)}` +
        `  ${f(r.storeBlockMs, 2).padStart(14)}  ${f(r.boardMs, 3).padStart(12)}  ${f(r.rssMiB, 0).padStart(7)}`,
    );
  }
}

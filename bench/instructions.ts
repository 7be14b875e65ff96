// Redis's work per click in instructions, not seconds: a private redis-server runs under valgrind's
// callgrind (on a free port, no persistence), the clicks of a run are recorded on the shared Redis
// and replayed against it, one at a time, through the minimal three-write script and the bot's
// record-answer-1.lua, each on keys of its own. Instructions do not move with the box's load, so
// this is the figure to compare scripts by; the timed benchmarks say what the box made of them.
// Needs valgrind and redis-server on PATH. `npm run bench:instructions` (REDIS_URL, default
// redis://127.0.0.1:6379, records the clicks).
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { projectRoot } from '../src/paths.js';
import { MINIMAL_SCRIPT, dropKeys, minimalKeys, recordedClicks, renamed } from './click-bench.js';

const url = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const WARM_UP = 600; // every one of the 500 members has answered before the counted clicks
const CLICKS = 1000;

for (const tool of ['valgrind', 'callgrind_control', 'redis-server']) {
  try {
    execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
  } catch {
    console.error(`bench:instructions needs ${tool} on PATH (Debian: apt-get install valgrind redis-server).`);
    process.exit(2);
  }
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

const dir = mkdtempSync(join(tmpdir(), 'backprop-callgrind-'));
const port = await freePort();
const server = spawn('valgrind', ['--tool=callgrind', `--callgrind-out-file=${dir}/out.%p`, 'redis-server', '--port', String(port), '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
// Valgrind takes seconds to start the server: commands wait for the connection (retried every 200 ms).
const counted = new Redis(port, '127.0.0.1', { maxRetriesPerRequest: null, retryStrategy: () => 200 });
counted.on('error', () => undefined); // refused until the server listens
const prefix = `bench-instructions:${process.pid}:`;
const admin = new Redis(url);
const recorded = await recordedClicks(url, prefix, WARM_UP + CLICKS);

/** Dumps callgrind's counters (zeroing them) and returns the instructions since the last dump. */
function instructionsSinceLastDump(): number {
  execFileSync('callgrind_control', ['--dump', String(server.pid)], { stdio: 'ignore' });
  const dumps = readdirSync(dir).filter((f) => /^out\.\d+\.\d+$/.test(f));
  const last = dumps.sort((a, b) => Number(a.split('.').pop()) - Number(b.split('.').pop())).at(-1)!;
  return Number(/^summary: (\d+)$/m.exec(readFileSync(join(dir, last), 'utf8'))?.[1]);
}

try {
  await counted.ping();
  for (let i = 0; i < WARM_UP; i++) await recorded.click();
  const warm = recorded.scriptArgs.splice(0);
  for (let i = 0; i < CLICKS; i++) await recorded.click();
  const clicks = recorded.scriptArgs;
  const [minimal, script] = await Promise.all([
    counted.script('LOAD', MINIMAL_SCRIPT) as Promise<string>,
    counted.script('LOAD', readFileSync(join(projectRoot, 'src/store/lua/record-answer-1.lua'), 'utf8')) as Promise<string>,
  ]);
  const runs: [string, (args: (string | number)[], i: number) => Promise<unknown>][] = [
    ['the minimal three-write script', (_, i) => counted.evalsha(minimal, 3, ...minimalKeys(prefix, i))],
    ['record-answer-1.lua', (args) => counted.evalsha(script, 1, ...renamed(args, prefix, 'replay'))],
  ];
  const per = new Map<string, number>();
  for (const [name, run] of runs) {
    for (const [i, args] of warm.entries()) await run(args, i);
    await counted.ping();
    instructionsSinceLastDump();
    for (const [i, args] of clicks.entries()) await run(args, WARM_UP + i);
    await counted.ping();
    per.set(name, instructionsSinceLastDump() / clicks.length);
  }
  console.log(`Redis's instructions per call (callgrind; ${CLICKS} recorded clicks replayed one at a time after ${WARM_UP}, 500 members, 100 a post):`);
  for (const [name, n] of per) console.log(`  ${name.padEnd(34)}${(n / 1000).toFixed(1).padStart(8)} k`);
  const [base, click] = [per.get(runs[0]![0])!, per.get(runs[1]![0])!];
  console.log(`record-answer-1.lua against the minimal script: ${(click / base).toFixed(2)}× the instructions (the minimal script's calls per record-answer's: ${(base / click).toFixed(2)}×)`);
} finally {
  await dropKeys(admin, prefix);
  await Promise.all([admin.quit(), recorded.store.close(), counted.quit().catch(() => undefined)]);
  server.kill();
  rmSync(dir, { recursive: true, force: true });
}

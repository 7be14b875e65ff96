// Console start: time from spawning the README's command (`npm start`) until the console answers
// its first command, with the bank cache cold (deleted before the run) and warm, interleaved, and
// warm from the TypeScript sources through tsx (what `npm start` runs when dist/ is not current).
// Reported against `node -e ""` of the same run, so the figures mean the same on a loaded box.
// `npm run bench:start` (ROUNDS=7 by default). BEFORE_DIR=<a checkout of an earlier version, with
// its dependencies installed> adds that version's `npm start` to the same interleaved rounds.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { defaultCacheDir } from '../src/bank-cache.js';
import { projectRoot } from '../src/paths.js';
import { isBuildFresh } from '../scripts/source-stamp.mjs';

const ROUNDS = Number(process.env['ROUNDS'] ?? 7);
const dataDir = mkdtempSync(join(tmpdir(), 'backprop-bench-start-'));
// Every cached bank: the compiled and the source validator hash differently.
const cacheDirs = [defaultCacheDir(), join(tmpdir(), 'backprop-bank-cache')];

/** Milliseconds from spawn to the first byte on stdout (the reply to /help), then the process is ended. */
function timeToReady(cmd: string, args: string[], cwd = projectRoot, extraEnv: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const env = { ...process.env, DISCORD_TOKEN: '', SLACK_BOT_TOKEN: '', REDIS_URL: '', REDIS_CLUSTER_NODES: '', DATA_DIR: dataDir, LOG_FORMAT: 'json', ...extraEnv };
    const child = spawn(cmd, args, { cwd, env, stdio: ['pipe', 'pipe', 'ignore'] });
    child.stdin.end('/help\n');
    child.stdout.once('data', () => {
      const ms = performance.now() - start;
      child.kill('SIGKILL');
      resolve(ms);
    });
    child.once('exit', (code) => code !== null && code !== 0 && reject(new Error(`${cmd} ${args.join(' ')} exited with ${code}`)));
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const variants = {
  baseline: () => timeToReady(process.execPath, ['-e', 'process.stdout.write("x")']),
  cold: () => {
    for (const dir of cacheDirs) rmSync(dir, { recursive: true, force: true });
    return timeToReady('npm', ['start', '--silent']);
  },
  warm: () => timeToReady('npm', ['start', '--silent']),
  sources: () => timeToReady('npm', ['start', '--silent'], projectRoot, { BACKPROP_FROM_SOURCES: '1' }),
  ...(process.env['BEFORE_DIR'] ? { before: () => timeToReady('npm', ['start', '--silent'], process.env['BEFORE_DIR']) } : {}),
};
type Variant = 'baseline' | 'cold' | 'warm' | 'sources' | 'before';
const samples: Record<Variant, number[]> = { baseline: [], cold: [], warm: [], sources: [], before: [] };

if (!isBuildFresh()) console.log('note: dist/ is not current (run npm run build): "warm" and "cold" run the sources too');
await variants.warm(); // the bank cache, as after the first start
await variants.sources(); // tsx's transform cache
for (let r = 0; r < ROUNDS; r++) {
  for (const [name, run] of Object.entries(variants) as [Variant, () => Promise<number>][]) samples[name].push(await run());
}
rmSync(dataDir, { recursive: true, force: true });

const base = median(samples.baseline);
const cold = median(samples.cold);
const warm = median(samples.warm);
const sources = median(samples.sources);
console.log(`console start through npm start, median of ${ROUNDS} interleaved rounds:`);
console.log(`  node -e ""          ${base.toFixed(0)} ms (1×, this machine's unit)`);
console.log(`  bank cache cold     ${cold.toFixed(0)} ms (${(cold / base).toFixed(1)}× node)`);
console.log(`  bank cache warm     ${warm.toFixed(0)} ms (${(warm / base).toFixed(1)}× node, ${(warm / cold).toFixed(2)}× cold)`);
console.log(`  from the sources    ${sources.toFixed(0)} ms (${(sources / base).toFixed(1)}× node; the compiled start is ${(warm / sources).toFixed(2)}× it)`);
console.log(`  saved by the cache  ${(cold - warm).toFixed(0)} ms (${((1 - warm / cold) * 100).toFixed(0)}% of the cold start)`);
if (samples.before.length > 0) {
  const before = median(samples.before);
  console.log(`  before (BEFORE_DIR) ${before.toFixed(0)} ms (${(before / base).toFixed(1)}× node); now warm ${(warm / before).toFixed(2)}× before`);
}

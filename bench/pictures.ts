// What a picture costs: rendering the stats picture of the bank's biggest member (every topic
// answered, answers on every day of the 16 weeks) and a full leaderboard card, SVG built and PNG
// encoded with the shipped fonts, against a baseline measured in the same run: a trivial SVG of the
// same size (one rectangle, no text) through the same renderer. `npm run bench:pictures`.
import { performance } from 'node:perf_hooks';
import { TOPICS } from '../src/core/bank/schema.js';
import { renderPng, renderPngAsync } from '../src/pictures/png-renderer.js';
import { leaderboardPicture } from '../src/views/pictures/leaderboard-picture.js';
import { statsPicture } from '../src/views/pictures/stats-picture.js';

const N = Number(process.env['N'] ?? 30);
const TODAY = 20_600;

function biggestStats() {
  const byTopic = Object.entries(TOPICS).map(([topic, label], i) => ({ topic, label, answered: 500 + i, correct: 250 + 17 * i, accuracy: (250 + 17 * i) / (500 + i) }));
  const counts = new Map<number, number>();
  for (let d = TODAY - 111; d <= TODAY; d++) counts.set(d, 1 + ((d * 37) % 40));
  const answered = byTopic.reduce((s, t) => s + t.answered, 0);
  return { name: 'Maximilian Alexander von Backpropagation-Gradient', stats: { answered, correct: answered / 2, accuracy: 0.5, points: 123_456, byTopic, weakest: [] }, activity: { today: TODAY, days: 112, counts } };
}

function fullBoard() {
  const entries = Array.from({ length: 10 }, (_, i) => ({ id: `u${i}`, name: `Member with a fairly long display name ${i + 1}`, score: 99_999 - 977 * i, rank: i + 1 }));
  return { total: 5000, entries, member: entries[4]!, scope: 'users' as const, period: 'all' as const, key: 'all', page: 1, pages: 500 };
}

const big = biggestStats();
const cases = {
  baseline: () => renderPng('<svg xmlns="http://www.w3.org/2000/svg" width="800" height="600"><rect width="800" height="600" fill="#1e1f29"/></svg>'),
  stats: () => renderPng(statsPicture(big.name, big.stats, big.activity).svg),
  leaderboard: () => renderPng(leaderboardPicture(fullBoard(), 'Leaderboard · members · all time').svg),
};

/**
 * The three renders take turns (baseline, stats, leaderboard, baseline, …), so a busy machine slows
 * them alike; each picture's ratio is the median of its per-turn ratios to that turn's baseline.
 */
function measure(): Record<keyof typeof cases, { ms: number; ratio: number; bytes: number }> {
  const names = Object.keys(cases) as (keyof typeof cases)[];
  const bytes = Object.fromEntries(names.map((n) => [n, cases[n]().length])) as Record<keyof typeof cases, number>;
  const times = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<keyof typeof cases, number[]>;
  for (let i = 0; i < N; i++) {
    for (const n of names) {
      const t = performance.now();
      cases[n]();
      times[n].push(performance.now() - t);
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return Object.fromEntries(
    names.map((n) => [n, { ms: median(times[n]), ratio: median(times[n].map((t, i) => t / times.baseline[i]!)), bytes: bytes[n] }]),
  ) as Record<keyof typeof cases, { ms: number; ratio: number; bytes: number }>;
}

const r = measure();
console.log(`pictures, ${N} turns (SVG built + PNG encoded, on this thread; medians):`);
console.log(`  baseline (blank 800×600)  ${r.baseline.ms.toFixed(1)} ms (1×)  ${(r.baseline.bytes / 1024).toFixed(1)} KB`);
for (const name of ['stats', 'leaderboard'] as const) {
  const { ms, ratio, bytes } = r[name];
  console.log(`  ${name.padEnd(24)}  ${ms.toFixed(1)} ms (${ratio.toFixed(2)}× the baseline)  ${(bytes / 1024).toFixed(1)} KB  ${ms < 100 ? 'ok' : 'OVER'} < 100 ms, ${bytes < 200 * 1024 ? 'ok' : 'OVER'} < 200 KB`);
}
// What the bot does: the same render on libuv's thread pool, so the event loop stays free.
const svg = statsPicture(big.name, big.stats, big.activity).svg;
await renderPngAsync(svg);
const t = performance.now();
for (let i = 0; i < N; i++) await renderPngAsync(svg);
console.log(`  stats, off the event loop  ${((performance.now() - t) / N).toFixed(1)} ms mean per render`);

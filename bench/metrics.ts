// The cost of measuring: a store call through the metrics Proxy (timing + histogram) against the
// same call on the bare store, in the same run, on the cheapest store there is (MemoryStore), so
// the ratio is the worst case; and one GET /metrics scrape. `npm run bench:metrics`.
import { performance } from 'node:perf_hooks';
import { instrumentStore } from '../src/metrics/instrument-store.js';
import { createPrometheusMetrics } from '../src/metrics/prometheus.js';
import { MemoryStore } from '../src/store/memory-store.js';

const N = Number(process.env['N'] ?? 200_000);
const user = { community: { platform: 'discord', id: 'bench' }, userId: 'u1', displayName: 'U' };

async function perCall(fn: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 5_000; i++) await fn();
  const start = performance.now();
  for (let i = 0; i < N; i++) await fn();
  return ((performance.now() - start) / N) * 1000;
}

const metrics = createPrometheusMetrics();
const bare = await MemoryStore.open({ clock: { now: () => Date.now() } });
const measured = instrumentStore(bare, 'memory', metrics);
const rounds: { bare: number; measured: number }[] = [];
for (let r = 0; r < 3; r++) rounds.push({ bare: await perCall(() => bare.getStats(user)), measured: await perCall(() => measured.getStats(user)) });
const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[1]!;
const b = med(rounds.map((r) => r.bare));
const m = med(rounds.map((r) => r.measured));
for (let i = 0; i < 50; i++) metrics.interaction('discord', `cmd${i % 10}`, 'ok');
const s0 = performance.now();
for (let i = 0; i < 100; i++) await metrics.scrape();
const scrapeMs = (performance.now() - s0) / 100;
console.log(`store call, MemoryStore.getStats (median of 3 rounds of ${N}):`);
console.log(`  bare       ${b.toFixed(2)} µs (1×)`);
console.log(`  measured   ${m.toFixed(2)} µs (${(m / b).toFixed(2)}×): +${(m - b).toFixed(2)} µs per store call`);
console.log(`GET /metrics body: ${scrapeMs.toFixed(2)} ms per scrape (${(scrapeMs * 1000 / b).toFixed(0)}× a bare store call)`);

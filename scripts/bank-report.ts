// Prints the bank's size by topic and difficulty and its seed coverage: `npm run bank:report`.
import { join } from 'node:path';
import { loadBank, loadSeedIds } from '../src/bank-loader.js';
import { DIFFICULTIES, TOPICS } from '../src/core/bank/schema.js';
import { projectRoot } from '../src/paths.js';
import { blindTestTaker, MAX_BLIND_SCORE } from '../src/core/bank/blind-test-taker.js';

const dataDir = join(projectRoot, 'data');
const bank = loadBank(dataDir);
const seeds = loadSeedIds(dataDir);
const pad = (s: string | number, n: number) => String(s).padStart(n);

console.log(`${'topic'.padEnd(36)}${DIFFICULTIES.map((d) => pad(d, 14)).join('')}${pad('total', 8)}${pad('seeds', 8)}`);
for (const [topic, label] of Object.entries(TOPICS)) {
  const qs = bank.questions.filter((q) => q.topic === topic);
  const byDiff = DIFFICULTIES.map((d) => pad(qs.filter((q) => q.difficulty === d).length, 14)).join('');
  console.log(`${`${label} (${topic})`.padEnd(36)}${byDiff}${pad(qs.length, 8)}${pad(qs.flatMap((q) => q.covers).length, 8)}`);
}
const totals = DIFFICULTIES.map((d) => pad(bank.filter({ difficulty: d }).length, 14)).join('');
const covered = new Set(bank.questions.flatMap((q) => q.covers));
console.log(`${'all'.padEnd(36)}${totals}${pad(bank.size, 8)}${pad(covered.size, 8)}`);
const missing = [...seeds].filter((id) => !covered.has(id));
console.log(`\nSeed coverage: ${covered.size}/${seeds.size} seed questions covered${missing.length ? `; missing: ${missing.join(', ')}` : ''}.`);
for (const list of ['dl80', 'dl10y', 'dl50', 'dc20']) {
  const ids = [...seeds].filter((id) => id.startsWith(`${list}/`));
  console.log(`  ${list.padEnd(6)} ${ids.filter((id) => covered.has(id)).length}/${ids.length}`);
}

// How far a content-blind test-taker gets on each topic's multiple choice (chance 25%).
const blind = blindTestTaker(bank.questions);
console.log(`\nContent-blind test-taker (chance 25%; the check fails above ${(MAX_BLIND_SCORE * 100).toFixed(0)}% over the bank):`);
console.log(`  ${'all'.padEnd(34)}${pad(`${(blind.bestScore * 100).toFixed(1)}%`, 7)}  ${blind.bestStrategy}`);
for (const topic of Object.keys(TOPICS)) {
  const r = blindTestTaker(bank.questions.filter((q) => q.topic === topic));
  console.log(`  ${topic.padEnd(34)}${pad(`${(r.bestScore * 100).toFixed(1)}%`, 7)}  ${r.bestStrategy}`);
}

// Prints the bank's size by topic and difficulty and its seed coverage: `npm run bank:report`.
// `npm run bank:report -- --converge TOPIC` lists that topic's entries whose key is the option the
// others converge on (the convergence cue), with each option's overlap, for an author to rewrite;
// `-- --tells TOPIC` the entries whose key the fitted models (function words; style; every word) single
// out when scored out of fold, or whose key alone has the most or fewest commas or the most typical
// length, with the function words that differ, for an author to even out.
import { join } from 'node:path';
import { loadBank, loadSeedIds } from '../src/bank-loader.js';
import { DIFFICULTIES, TOPICS } from '../src/core/bank/schema.js';
import { projectRoot } from '../src/paths.js';
import { blindTestTaker, convergence, fittedModelScores, functionWordsOf, MAX_BLIND_SCORE, optionsOf, vocabularyModelScores, wordChoiceModelScores } from '../src/core/bank/blind-test-taker.js';

const dataDir = join(projectRoot, 'data');
const bank = loadBank(dataDir);
const seeds = loadSeedIds(dataDir);
const pad = (s: string | number, n: number) => String(s).padStart(n);

/** The entries of the topic named after `flag`, or an exit naming the valid topics. */
function topicEntries(flag: string) {
  const topic = process.argv[process.argv.indexOf(flag) + 1];
  const entries = bank.questions.filter((q) => q.topic === topic);
  if (entries.length === 0) {
    console.error(`${flag} takes a topic: ${Object.keys(TOPICS).join(', ')}`);
    process.exit(2);
  }
  return { topic, entries };
}

if (process.argv.includes('--tells')) {
  const { topic, entries } = topicEntries('--tells');
  // Out of fold: each entry is scored by models that never saw it, as the check scores it.
  const words = wordChoiceModelScores(bank.questions);
  const style = fittedModelScores(bank.questions);
  const vocabulary = vocabularyModelScores(bank.questions);
  const at = new Map(bank.questions.map((q, i) => [q.id, i]));
  const marks = (o: string) => (o.match(/[,;:(]/g) ?? []).length;
  const counts: Record<string, number> = {};
  const count = (name: string) => (counts[name] = (counts[name] ?? 0) + 1);
  for (const q of entries) {
    const i = at.get(q.id)!;
    const opts = optionsOf(q);
    const lengths = opts.map((o) => o.length);
    const meanLength = lengths.reduce((a, b) => a + b, 0) / 4;
    const flags: string[] = [];
    const tell = (flag: string | null, name: string) => {
      if (flag) flags.push(flag);
      count(name);
    };
    const rank = (s: number[]) => (s[0]! >= Math.max(...s) - 1e-9 ? 'top' : s[0]! <= Math.min(...s) + 1e-9 ? 'bottom' : null);
    const w = rank(words.scored[i]!);
    if (w) tell(`word-choice model rates the key ${w}`, `word-choice ${w}`);
    const st = rank(style.scored[i]!);
    if (st) tell(`style model rates the key ${st}`, `style ${st}`);
    const v = rank(vocabulary.scored[i]!);
    if (v) tell(`vocabulary model rates the key ${v}`, `vocabulary ${v}`);
    const m = opts.map(marks);
    if (m[0]! > Math.max(...m.slice(1))) tell('the key alone has the most commas/semicolons', 'most commas');
    if (m[0]! < Math.min(...m.slice(1))) tell('the key alone has the fewest commas/semicolons', 'fewest commas');
    const off = lengths.map((l) => Math.abs(l - meanLength));
    if (off[0]! < Math.min(...off.slice(1))) tell('the key is the closest to the mean length', 'closest to mean length');
    if (lengths[0]! > Math.max(...lengths.slice(1))) tell(null, 'longest');
    if (lengths[0]! < Math.min(...lengths.slice(1))) tell(null, 'shortest');
    if (flags.length === 0) continue;
    const u = opts.map(functionWordsOf);
    const keyOnly = [...u[0]!].filter((x) => !u.slice(1).some((d) => d.has(x)));
    const notInKey = [...new Set(u.slice(1).flatMap((d) => [...d]))].filter((x) => !u[0]!.has(x));
    console.log(`\n${q.id}: ${flags.join('; ')}. Function words in the key alone: ${keyOnly.join(' ') || '-'}; in distractors, not the key: ${notInKey.join(' ') || '-'}`);
    opts.forEach((o, k) => console.log(`  ${k === 0 ? 'key' : `d${k} `} words ${words.scored[i]![k]!.toFixed(2).padStart(5)} style ${style.scored[i]![k]!.toFixed(2).padStart(5)} vocab ${vocabulary.scored[i]![k]!.toFixed(2).padStart(5)} len ${String(o.length).padStart(3)}  ${o}`));
  }
  const n = entries.length;
  const order = ['word-choice top', 'word-choice bottom', 'style top', 'style bottom', 'vocabulary top', 'vocabulary bottom', 'most commas', 'fewest commas', 'closest to mean length', 'longest', 'shortest'];
  console.log(`\n${topic}, ${n} entries; chance about ${(n / 4).toFixed(1)} for the model counts, less for the others when options tie: ${order.map((k) => `${k} ${counts[k] ?? 0}`).join(', ')}`);
  process.exit(0);
}

if (process.argv.includes('--converge')) {
  const { topic, entries } = topicEntries('--converge');
  let central = 0;
  let edge = 0;
  for (const q of entries) {
    const c = convergence(q);
    const top = Math.max(...c);
    if (c[0]! <= Math.min(...c) + 1e-9) edge++;
    if (c[0]! < top - 1e-9) continue;
    central++;
    console.log(`\n${q.id}: the key is the centre (${c[0]!.toFixed(2)} against ${c.slice(1).map((v) => v.toFixed(2)).join(', ')})`);
    optionsOf(q).forEach((o, i) => console.log(`  ${i === 0 ? 'key' : `d${i} `} ${c[i]!.toFixed(2)}  ${o}`));
  }
  // Both ends should sit near chance: a key never at the centre is a tell too (strike the centre).
  console.log(`\n${topic}: the key is the centre in ${central} and the farthest out in ${edge} of ${entries.length} entries (chance about ${(entries.length / 4).toFixed(0)} each)`);
  process.exit(0);
}

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

// Would a leaner key layout make a click cheap enough for Redis? The clicks of a run are recorded,
// then replayed with 50 in flight through the minimal three-write script, the bot's
// record-answer-1.lua, and bench/lean-layout.lua (a member's stats, streak and name in one hash;
// a delivery's answers, hints and outcomes in one; the review queued as the bot queues it: about
// 12 calls instead of 20).
// Reports Redis's CPU per operation (INFO cpu) and per script (INFO commandstats), medians of
// interleaved rounds; then what one redis.call costs Redis beyond its command (a script of 14 reads,
// one of 14 writes, one that does nothing). `npm run bench:layout` (REDIS_URL, default
// redis://127.0.0.1:6379).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { projectRoot } from '../src/paths.js';
import { MINIMAL_SCRIPT, dropKeys, median, minimalKeys, recordedClicks, redisCpuPerOp, renamed } from './click-bench.js';

const url = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const ROUNDS = 5;
const CLICKS = 5000;
const IN_FLIGHT = 50;
const prefix = `bench-layout:${process.pid}:`;
const admin = new Redis(url);
const replayer = new Redis(url);
const load = async (lua: string) => (await admin.script('LOAD', lua)) as string;
const { click, scriptArgs, store } = await recordedClicks(url, prefix, CLICKS);

// lean-layout.lua's key and arguments from a click's record-answer-1 arguments (the community's
// key base, then the ids and values; see that script's header).
const lean = (args: (string | number)[]): (string | number)[] => {
  const [base, delivery, user, questionId, week, month] = args.slice(0, 6);
  // Its ARGV[2..15] are record-answer-1's ARGV[6..19]; its review (ARGV[16..17]) leads with the
  // question id and is padded to ARGV[23], so the ids after it keep their places.
  const review = args[20] === '' ? [''] : [questionId!, args[20]!];
  const padding = Array.from({ length: 8 - review.length }, () => '');
  return [base!, user!, ...args.slice(6, 20), ...review, ...padding, delivery!, week!, month!, questionId!];
};

/** INFO commandstats: µs so far per command (a script's inner commands included), and EVALSHA's calls. */
async function commandUs(): Promise<{ us: Map<string, number>; scripts: number }> {
  const us = new Map<string, number>();
  let scripts = 0;
  for (const m of (await admin.info('commandstats')).matchAll(/cmdstat_(\w+):calls=(\d+),usec=(\d+)/g)) {
    us.set(m[1]!, Number(m[3]));
    if (m[1] === 'evalsha') scripts = Number(m[2]);
  }
  return { us, scripts };
}
const usSince = (before: Map<string, number>, after: Map<string, number>, command: string) => (after.get(command) ?? 0) - (before.get(command) ?? 0);

// What one redis.call costs beyond its command: the script's µs less its commands' µs, per call.
const CALLS = 14;
const calibration: [string, string, string][] = [
  ['a script that does nothing', 'return 1', ''],
  [`${CALLS} HGETs`, `for i = 1, ${CALLS} do redis.call('HGET', KEYS[1], 'f' .. (i % 5)) end return 1`, 'hget'],
  [`${CALLS} HINCRBYs`, `for i = 1, ${CALLS} do redis.call('HINCRBY', KEYS[1], 'f' .. (i % 5), 1) end return 1`, 'hincrby'],
];
const perCall = new Map<string, { script: number[]; commands: number[] }>();

const results = new Map<string, { cpu: number[]; script: number[] }>();
try {
  for (let i = 0; i < CLICKS; i++) await click();
  const [minimalSha, currentSha, leanSha] = await Promise.all([
    load(MINIMAL_SCRIPT),
    load(readFileSync(join(projectRoot, 'src/store/lua/record-answer-1.lua'), 'utf8')),
    load(readFileSync(join(projectRoot, 'bench/lean-layout.lua'), 'utf8')),
  ]);
  const scripts: [string, (i: number, round: string) => Promise<unknown>][] = [
    ['the minimal three-write script', (i, round) => replayer.evalsha(minimalSha, 3, ...minimalKeys(`${prefix}${round}:`, i))],
    ['record-answer-1.lua (the bot)', (i, round) => replayer.evalsha(currentSha, 1, ...renamed(scriptArgs[i]!, prefix, `c${round}`))],
    ['lean-layout.lua (the experiment)', (i, round) => replayer.evalsha(leanSha, 1, ...lean(renamed(scriptArgs[i]!, prefix, `l${round}`)))],
  ];
  for (let r = 0; r < ROUNDS; r++) {
    for (const [name, run] of scripts) {
      const before = await commandUs();
      const cpu = await redisCpuPerOp(admin, CLICKS, IN_FLIGHT, (i) => run(i, String(r)));
      const after = await commandUs();
      const entry = results.get(name) ?? { cpu: [], script: [] };
      entry.cpu.push(cpu);
      entry.script.push(usSince(before.us, after.us, 'evalsha') / Math.max(1, after.scripts - before.scripts));
      results.set(name, entry);
    }
  }
  const hash = `${prefix}{calibration}:h`;
  for (const [name, lua, command] of calibration) {
    const sha = await load(lua);
    const entry = { script: [] as number[], commands: [] as number[] };
    for (let r = 0; r < ROUNDS; r++) {
      const before = await commandUs();
      await redisCpuPerOp(admin, CLICKS, IN_FLIGHT, () => replayer.evalsha(sha, 1, hash));
      const after = await commandUs();
      entry.script.push(usSince(before.us, after.us, 'evalsha') / CLICKS);
      entry.commands.push(command ? usSince(before.us, after.us, command) / CLICKS : 0);
    }
    perCall.set(name, entry);
  }
} finally {
  await dropKeys(admin, prefix);
  await Promise.all([admin.quit(), replayer.quit(), store.close()]);
}

const base = median(results.get('the minimal three-write script')!.cpu);
console.log(`Redis per operation, ${IN_FLIGHT} in flight, median of ${ROUNDS} interleaved rounds of ${CLICKS} recorded clicks:`);
console.log(`  ${'script'.padEnd(36)}${'CPU µs'.padStart(8)}${'script µs'.padStart(11)}${'ops/s vs minimal'.padStart(18)}`);
for (const [name, { cpu, script }] of results) {
  console.log(`  ${name.padEnd(36)}${median(cpu).toFixed(1).padStart(8)}${median(script).toFixed(1).padStart(11)}${(base / median(cpu)).toFixed(2).padStart(17)}×`);
}
console.log(`What a redis.call costs, ${IN_FLIGHT} in flight, median of ${ROUNDS} rounds of ${CLICKS}:`);
const idle = median(perCall.get('a script that does nothing')!.script);
for (const [name, { script, commands }] of perCall) {
  const beyond = name === 'a script that does nothing' ? '' : `, ${((median(script) - median(commands) - idle) / CALLS).toFixed(2)} µs a call beyond its command`;
  console.log(`  ${name.padEnd(28)} script ${median(script).toFixed(1)} µs, its commands ${median(commands).toFixed(1)} µs${beyond}`);
}

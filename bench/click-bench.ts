// Shared by the click benchmarks: a bot core on a RedisStore whose clicks are recorded as they go
// out (the store input and the record-answer script's keys and arguments), so they can be replayed
// layer by layer or through another script; and Redis's own CPU per operation.
import { join } from 'node:path';
import { Redis } from 'ioredis';
import type { AnswerInput } from '../src/core/answer-rules.js';
import type { UserRef } from '../src/core/identity.js';
import { loadBank } from '../src/bank-loader.js';
import { createBackpropCore } from '../src/bootstrap.js';
import { CommunityBanks } from '../src/core/packs/community-bank.js';
import { CachedDeliveries } from '../src/core/quiz/delivery-cache.js';
import { QuizService } from '../src/core/quiz/quiz-service.js';
import { RubricGrader } from '../src/core/grading/rubric.js';
import { projectRoot } from '../src/paths.js';
import { cryptoRandom } from '../src/random.js';
import { RedisStore } from '../src/store/redis-store.js';

/** The baseline: three writes to three keys of one community (answered set, stats hash, board). */
export const MINIMAL_SCRIPT = "redis.call('SADD', KEYS[1], ARGV[1]) redis.call('HINCRBY', KEYS[2], 'answered', 1) return redis.call('ZINCRBY', KEYS[3], 20, ARGV[1])";

/** The minimal script's keys and argument for call i, under `prefix`: 100 answers a delivery, 500 members. */
export const minimalKeys = (prefix: string, i: number): string[] => {
  const tag = `${prefix}{discord:bench}:`;
  return [`${tag}a:${Math.floor(i / 100)}`, `${tag}s:${i % 500}`, `${tag}b`, `u${i % 500}`];
};

export interface RecordedClicks {
  /** The next member's click on a shared daily-style post (100 members a post, 500 in all). */
  click: () => Promise<void>;
  inputs: AnswerInput[];
  scriptArgs: (string | number)[][];
  store: RedisStore;
  /** Empties the records (warm-up clicks are not replayed). */
  clear: () => void;
}

/**
 * A core on `url` under `prefix`, with posts enough for `clicks` clicks. `withoutReview`: the clicks
 * go through a QuizService that hands the store no review and counts no heat map (the click queues
 * only its stats, as if neither the learning loop nor the heat map heard of it).
 */
export async function recordedClicks(url: string, prefix: string, clicks: number, { withoutReview = false } = {}): Promise<RecordedClicks> {
  const client = new Redis(url) as Redis & { recordAnswer(...args: (string | number)[]): Promise<unknown> };
  const store = new RedisStore({ client, prefix });
  const inputs: AnswerInput[] = [];
  const scriptArgs: (string | number)[][] = [];
  const send = client.recordAnswer.bind(client);
  client.recordAnswer = (...args) => (scriptArgs.push(args), send(...args));
  const record = store.recordAnswer.bind(store);
  store.recordAnswer = (a: AnswerInput) => (inputs.push(a), record(a));
  const bank = loadBank(join(projectRoot, 'data'));
  const clock = { now: () => Date.now() };
  const core = createBackpropCore({ bank, store, clock, random: cryptoRandom });
  const banks = new CommunityBanks(bank, store, store);
  const quiz = withoutReview
    ? new QuizService({ banks, deliveries: new CachedDeliveries(store, clock), scores: store, settings: store, clock, random: cryptoRandom, grader: new RubricGrader(bank.questions) })
    : core.quiz;
  const member = (i: number): UserRef => ({ community: { platform: 'discord', id: 'bench' }, userId: `m${i % 500}`, displayName: `Member ${i % 500}` });
  const posts = await Promise.all(Array.from({ length: Math.ceil(clicks / 100) + 1 }, () => core.quiz.start({ user: member(0), mode: 'choice', shared: true })));
  let count = 0;
  return {
    click: async () => {
      const i = count++;
      const post = posts[Math.floor(i / 100)];
      if (!post?.ok) throw new Error(post ? post.code : `more than ${clicks} clicks`);
      const r = await quiz.answerChoice(member(i + 1), post.value.delivery.id, i % 4);
      if (!r.ok) throw new Error(`click ${i}: ${r.code}`);
    },
    inputs,
    scriptArgs,
    store,
    clear: () => {
      inputs.length = 0;
      scriptArgs.length = 0;
    },
  };
}

/** Another prefix for a replay, so it starts from empty keys. */
export const renamed = (args: (string | number)[], prefix: string, tag: string): (string | number)[] =>
  args.map((x) => (typeof x === 'string' ? x.replace(prefix, `${prefix}${tag}:`) : x));

/** Deletes every key under `prefix`. */
export async function dropKeys(admin: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await admin.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length) await admin.del(...keys);
  } while (cursor !== '0');
}

/** Redis's own CPU time (user + sys, INFO cpu) in µs: what a Redis shared by every bot process spends. */
async function redisCpuUs(admin: Redis): Promise<number> {
  const info = await admin.info('cpu');
  const field = (name: string) => Number(new RegExp(`${name}:([\\d.]+)`).exec(info)?.[1] ?? 0);
  return (field('used_cpu_user') + field('used_cpu_sys')) * 1e6;
}

/**
 * Redis CPU per operation with `inFlight` operations kept in flight (on the connections `op` uses),
 * as a bot process under load: the inverse of how many such operations one Redis can take a second.
 */
export async function redisCpuPerOp(admin: Redis, n: number, inFlight: number, op: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const worker = async () => {
    while (next < n) await op(next++);
  };
  const before = await redisCpuUs(admin);
  await Promise.all(Array.from({ length: inFlight }, worker));
  return ((await redisCpuUs(admin)) - before) / n;
}

export const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

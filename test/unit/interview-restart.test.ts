import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { createBackpropCore } from '../../src/bootstrap.js';
import type { Result } from '../../src/core/result.js';
import type { Store } from '../../src/core/store.js';
import { RedisStore } from '../../src/store/redis-store.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { fixtureBank } from '../support/app.js';
import { aUser, seededRandom } from '../support/builders.js';
import { deletePrefix, uniquePrefix, withRedis } from '../support/redis.js';
import { ListReviewQueue } from '../support/review-queue.js';

const unwrap = <T>(r: Result<T>): T => {
  if (!r.ok) throw new Error(r.code);
  return r.value;
};
const clock = { now: () => Date.now() };
const ann = aUser('ann');

/**
 * An interview started by one process is resumed and finished by another (a restart, or another
 * replica) on the same store: the state is the store's, not a process's.
 */
async function startThenFinishElsewhere(open: () => Promise<Store>): Promise<void> {
  const queue = new ListReviewQueue();
  const first = await open();
  const before = createBackpropCore({ bank: fixtureBank(), store: first, clock, random: seededRandom(1), answerObserver: queue });
  const started = unwrap(await before.interview.start({ user: ann, length: 3 }));
  const q0 = before.bank.get(started.state.questionIds[0]!)!;
  unwrap(await before.interview.answer(ann, started.state.id, 0, q0.answer));
  await first.close();

  const second = await open();
  try {
    // Another seed: a process that did not start the interview.
    const after = createBackpropCore({ bank: fixtureBank(), store: second, clock, random: seededRandom(2), answerObserver: queue });
    const resumed = unwrap(await after.interview.start({ user: ann }));
    expect(resumed).toMatchObject({ resumed: true, index: 1 });
    expect(resumed.state.id).toBe(started.state.id);
    expect(resumed.state.answers.map((a) => a.questionId)).toEqual([q0.id]);
    // The first answer, submitted again to the new process, is not counted again.
    expect(unwrap(await after.interview.answer(ann, started.state.id, 0, q0.answer)).duplicate).toBe(true);
    unwrap(await after.interview.answer(ann, started.state.id, 1, 'No idea, sorry.'));
    const last = unwrap(await after.interview.answer(ann, started.state.id, 2, 'Something about gradients.'));
    expect(last.report?.state.answers.map((a) => a.questionId)).toEqual(started.state.questionIds);
    expect(last.report?.state.answers[0]?.pass).toBe(true);
    expect(queue.answers.map((a) => a.questionId)).toEqual(started.state.questionIds);
  } finally {
    await second.close();
  }
}

describe('Interviews across restarts and processes', () => {
  it('on the embedded SQLite store (same data folder, new store and core)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'backprop-interview-'));
    try {
      await startThenFinishElsewhere(() => SqliteStore.open({ clock, dataDir: dir }));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  withRedis((url) => {
    it('on Redis, the same answer submitted to two processes at once is graded and counted once', async () => {
      const prefix = uniquePrefix();
      const queue = new ListReviewQueue();
      const stores = [new RedisStore({ client: new Redis(url), prefix }), new RedisStore({ client: new Redis(url), prefix })];
      try {
        const [a, b] = stores.map((store, i) => createBackpropCore({ bank: fixtureBank(), store, clock, random: seededRandom(10 + i), answerObserver: queue }));
        const { state, question } = unwrap(await a!.interview.start({ user: ann, length: 3 }));
        const results = await Promise.all([a!.interview.answer(ann, state.id, 0, question.answer), b!.interview.answer(ann, state.id, 0, question.answer)]);
        expect(results.filter((r) => r.ok && !r.value.duplicate)).toHaveLength(1);
        for (const r of results) if (!r.ok) expect(r.code).toBe('INTERVIEW_MOVED_ON');
        expect(queue.answers).toHaveLength(1);
        expect(unwrap(await b!.interview.status(ann)).state.answers).toHaveLength(1);
      } finally {
        const admin = new Redis(url);
        await deletePrefix(admin, prefix);
        await admin.quit();
        for (const s of stores) await s.close();
      }
    });

    it('on Redis (a new connection and core)', async () => {
      const prefix = uniquePrefix();
      try {
        await startThenFinishElsewhere(async () => new RedisStore({ client: new Redis(url), prefix }));
      } finally {
        const admin = new Redis(url);
        await deletePrefix(admin, prefix);
        await admin.quit();
      }
    });
  });
});

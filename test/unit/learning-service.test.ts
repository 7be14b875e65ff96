import { beforeEach, describe, expect, it } from 'vitest';
import { createBackpropCore as createCore } from '../../src/bootstrap.js';
import type { Topic } from '../../src/core/bank/schema.js';
import type { Core } from '../../src/core/core.js';
import type { UserRef } from '../../src/core/identity.js';
import type { Result } from '../../src/core/result.js';
import { MIN_RECENT_SAMPLE } from '../../src/core/learning/weakest-topic.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { aBank, aQuestion, aUser, FixedClock, seededRandom } from '../support/builders.js';

const DAY = 86_400_000;
const unwrap = <T>(r: Result<T>): T => {
  if (!r.ok) throw new Error(r.code);
  return r.value;
};

/** Five questions in each of three topics. */
const questions = (['cnn', 'sequence', 'fundamentals'] as Topic[]).flatMap((topic) =>
  Array.from({ length: 5 }, (_, i) => aQuestion({ id: `${topic}-${i}`, topic })),
);

describe('LearningService: the memory model behind practice and review', () => {
  let core: Core;
  let store: MemoryStore;
  let clock: FixedClock;
  const ann = aUser('ann');

  beforeEach(async () => {
    clock = new FixedClock(Date.parse('2026-12-01T09:00:00Z'));
    store = await MemoryStore.open({ clock });
    core = createCore({ bank: aBank(questions), store, clock, random: seededRandom(5) });
  });

  /** Answers `questionId` as a personal choice quiz, right or wrong. */
  async function answer(user: UserRef, questionId: string, right: boolean) {
    const quiz = unwrap(await core.quiz.start({ user, mode: 'choice', questionId }));
    const pos = quiz.options.indexOf(quiz.question.choices.correct);
    return unwrap(await core.quiz.answerChoice(user, quiz.delivery.id, right ? pos : (pos + 1) % 4));
  }

  it('every recorded answer reviews the card once, in every mode; a duplicate does not', async () => {
    await answer(ann, 'cnn-0', true);
    const open = unwrap(await core.quiz.start({ user: ann, mode: 'open', questionId: 'cnn-1' }));
    unwrap(await core.quiz.answerOpen(ann, open.delivery.id, 'It applies the chain rule to get the gradient of the loss in one backward pass.'));
    const flash = unwrap(await core.quiz.start({ user: ann, mode: 'flash', questionId: 'cnn-2' }));
    unwrap(await core.quiz.rateFlash(ann, flash.delivery.id, 'again'));
    expect(await core.quiz.rateFlash(ann, flash.delivery.id, 'easy')).toMatchObject({ ok: false, code: 'ALREADY_ANSWERED' });
    // The same submission re-sent (a dropped connection) gets its recorded result, and no second review.
    unwrap(await core.quiz.rateFlash(ann, flash.delivery.id, 'again'));

    expect((await store.getCard(ann, 'cnn-0'))?.reps).toBe(1);
    expect((await store.getCard(ann, 'cnn-1'))).toMatchObject({ reps: 1, lastCorrect: true });
    expect(await store.getCard(ann, 'cnn-2')).toMatchObject({ reps: 1, lastCorrect: false });
    // Again brings a card back sooner than good.
    expect((await store.getCard(ann, 'cnn-2'))!.due).toBeLessThan((await store.getCard(ann, 'cnn-0'))!.due);
    // First answers recall nothing yet; the second answer to cnn-0 is a review.
    expect(await store.reviewTally(ann)).toEqual({ reviews: 0, recalled: 0 });
    clock.advance(10 * DAY);
    await answer(ann, 'cnn-0', false);
    expect(await store.getCard(ann, 'cnn-0')).toMatchObject({ reps: 2, lapses: 1 });
    expect(await store.reviewTally(ann)).toEqual({ reviews: 1, recalled: 0 });
  });

  it('two answers to one question at once both count: the loser of the save re-reads and reviews again', async () => {
    const a = unwrap(await core.quiz.start({ user: ann, mode: 'choice', questionId: 'cnn-0' }));
    const b = unwrap(await core.quiz.start({ user: ann, mode: 'choice', questionId: 'cnn-0' }));
    const right = (q: typeof a) => q.options.indexOf(q.question.choices.correct);
    await Promise.all([core.quiz.answerChoice(ann, a.delivery.id, right(a)), core.quiz.answerChoice(ann, b.delivery.id, (right(b) + 1) % 4)]);
    expect((await store.getCard(ann, 'cnn-0'))?.reps).toBe(2);
    expect((await store.reviewTally(ann)).reviews).toBe(1);
  });

  it('a channel post (daily, shared quiz) reviews the card of each member who answers', async () => {
    const ben = aUser('ben');
    const post = unwrap(await core.quiz.start({ user: ann, mode: 'choice', questionId: 'sequence-0', shared: true }));
    const pos = post.options.indexOf(post.question.choices.correct);
    unwrap(await core.quiz.answerChoice(ann, post.delivery.id, pos));
    unwrap(await core.quiz.answerChoice(ben, post.delivery.id, (pos + 1) % 4));
    expect(await store.getCard(ann, 'sequence-0')).toMatchObject({ lastCorrect: true, reps: 1 });
    expect(await store.getCard(ben, 'sequence-0')).toMatchObject({ lastCorrect: false, reps: 1 });
  });

  it('practice serves the most overdue review first and says when it was last seen', async () => {
    await answer(ann, 'cnn-0', true);
    clock.advance(DAY);
    await answer(ann, 'cnn-1', false);
    const cnn1 = (await store.getCard(ann, 'cnn-1'))!;
    const cnn0 = (await store.getCard(ann, 'cnn-0'))!;
    // cnn-1 (again, yesterday+1 day) falls due before cnn-0 (good, a few days).
    expect(cnn1.due).toBeLessThan(cnn0.due);
    clock.set(cnn0.due + DAY);
    const first = unwrap(await core.learning.nextCard(ann));
    expect(first.question.id).toBe('cnn-1');
    expect(first.reason).toEqual({ kind: 'review', lastSeen: cnn1.lastReview, due: cnn1.due });
    await answer(ann, 'cnn-1', true);
    expect(unwrap(await core.learning.nextCard(ann)).question.id).toBe('cnn-0');
    // A topic option keeps reviews to that topic: nothing of "sequence" is due, so a new one.
    const seq = unwrap(await core.learning.nextCard(ann, 'sequence'));
    expect(seq.question.topic).toBe('sequence');
    expect(seq.reason).toEqual({ kind: 'new', why: 'chosen', topic: 'sequence' });
  });

  it('with nothing due, a new question from the weakest topic with enough recent answers', async () => {
    // cnn: 1 of 3 right; sequence: 3 of 3; fundamentals: only 2 answers (below the sample), both wrong.
    expect(MIN_RECENT_SAMPLE).toBe(3);
    for (const [id, right] of [['cnn-0', true], ['cnn-1', false], ['cnn-2', false], ['sequence-0', true], ['sequence-1', true], ['sequence-2', true], ['fundamentals-0', false], ['fundamentals-1', false]] as const) {
      await answer(ann, id, right);
    }
    const pick = unwrap(await core.learning.nextCard(ann));
    expect(pick.reason).toEqual({ kind: 'new', why: 'weakest', topic: 'cnn', accuracy: 1 / 3 });
    expect(['cnn-3', 'cnn-4']).toContain(pick.question.id);
  });

  it('a new member gets a question of a least-practised topic; overview counts due cards and retention', async () => {
    const pick = unwrap(await core.learning.nextCard(ann));
    expect(pick.reason).toMatchObject({ kind: 'new', why: 'least-practised' });
    await answer(ann, 'cnn-0', false);
    await answer(ann, 'sequence-0', true);
    const next = unwrap(await core.learning.nextCard(ann));
    expect(next.reason).toMatchObject({ kind: 'new', why: 'least-practised', topic: 'fundamentals' });

    const again = (await store.getCard(ann, 'cnn-0'))!;
    clock.set(again.due - 60_000);
    const view = await core.learning.overview(ann, 'UTC');
    expect(view.dueToday).toBe(1);
    expect(view.dueThisWeek).toBeGreaterThanOrEqual(1);
    expect(view.topics).toMatchObject({ cnn: { cards: 1, learned: 0 }, sequence: { cards: 1, learned: 1 } });
    expect(await core.learning.dueCount(ann, clock.now())).toBe(0);
    expect(await core.learning.dueCount(ann, again.due)).toBe(1);
  });
});

import { beforeEach, describe, expect, it } from 'vitest';
import { createBackpropCore } from '../../src/bootstrap.js';
import type { Core } from '../../src/core/core.js';
import type { Result } from '../../src/core/result.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { interviewReport, interviewStepReply } from '../../src/views/interview-views.js';
import { aBank, aQuestion, aUser, FixedClock, seededRandom } from '../support/builders.js';
import { ListReviewQueue } from '../support/review-queue.js';
import type { Grader } from '../../src/core/grading/grader.js';
import { RubricGrader } from '../../src/core/grading/rubric.js';

const slash = (c: string) => `/${c}`;
const unwrap = <T>(r: Result<T>): T => {
  if (!r.ok) throw new Error(r.code);
  return r.value;
};

const GOOD = 'Backpropagation applies the chain rule to compute the gradient of the loss for every weight in one backward pass.';
const WEAK = 'I would have to look this up; something about weights changing.';

describe('InterviewService', () => {
  let core: Core;
  let clock: FixedClock;
  let queue: ListReviewQueue;
  const ann = aUser('ann');

  beforeEach(async () => {
    clock = new FixedClock(Date.parse('2026-12-01T09:00:00Z'));
    const store = await MemoryStore.open({ clock });
    const questions = [
      aQuestion({ id: 'f1', topic: 'fundamentals' }),
      aQuestion({ id: 'f2', topic: 'fundamentals', prompt: 'Second fundamentals question?' }),
      aQuestion({ id: 'c1', topic: 'cnn', prompt: 'What does a convolution share?' }),
      aQuestion({ id: 'c2', topic: 'cnn', prompt: 'Why pool feature maps at all?' }),
      aQuestion({ id: 't1', topic: 'transformers', prompt: 'Why scale attention logits?' }),
      aQuestion({ id: 't2', topic: 'transformers', prompt: 'What does masking prevent?' }),
    ];
    queue = new ListReviewQueue();
    core = createBackpropCore({ bank: aBank(questions), store, clock, random: seededRandom(5), answerObserver: queue, dueCards: queue });
  });

  it('draws distinct questions, resumes the running interview, and refuses a length out of range', async () => {
    expect(await core.interview.start({ user: ann, length: 2 })).toMatchObject({ ok: false, code: 'INVALID_OPTION', params: { option: 'length', min: 3, max: 10 } });
    expect(await core.interview.start({ user: ann, length: 11 })).toMatchObject({ ok: false, code: 'INVALID_OPTION' });
    const first = unwrap(await core.interview.start({ user: ann }));
    expect(first).toMatchObject({ index: 0, resumed: false });
    expect(new Set(first.state.questionIds).size).toBe(5);
    const again = unwrap(await core.interview.start({ user: ann, length: 3 }));
    expect(again).toMatchObject({ index: 0, resumed: true });
    expect(again.state.id).toBe(first.state.id);
    expect(again.question.id).toBe(first.question.id);
    // Only questions of the topic asked for; fewer than asked when the topic has fewer.
    const bob = unwrap(await core.interview.start({ user: aUser('bob'), topic: 'cnn', length: 3 }));
    expect(bob.state.questionIds.sort()).toEqual(['c1', 'c2']);
  });

  it('counts a double submit once, in sequence and concurrently, and reports each graded answer to the learning loop', async () => {
    const { state } = unwrap(await core.interview.start({ user: ann, length: 3 }));
    const step = unwrap(await core.interview.answer(ann, state.id, 0, GOOD));
    expect(step).toMatchObject({ duplicate: false, answered: { index: 0, record: { pass: true } }, next: { index: 1 } });
    const repeat = unwrap(await core.interview.answer(ann, state.id, 0, GOOD));
    expect(repeat).toMatchObject({ duplicate: true, answered: { record: step.answered.record }, next: { index: 1 } });
    const raced = await Promise.all([core.interview.answer(ann, state.id, 1, WEAK), core.interview.answer(ann, state.id, 1, WEAK)]);
    const graded = raced.filter((r) => r.ok && !r.value.duplicate);
    expect(graded).toHaveLength(1);
    // The loser either saw the graded result or was told the answer is being graded.
    for (const r of raced) if (!r.ok) expect(r.code).toBe('INTERVIEW_MOVED_ON');
    const status = unwrap(await core.interview.status(ann));
    expect(status.state.answers).toHaveLength(2);
    expect(queue.answers.map((a) => [a.questionId, a.source, a.correct])).toEqual([
      [state.questionIds[0], 'interview', true],
      [state.questionIds[1], 'interview', false],
    ]);
    // A button for a question already answered, or of another interview, does not grade anything.
    expect(await core.interview.question(ann, state.id, 0)).toMatchObject({ ok: false, code: 'INTERVIEW_MOVED_ON' });
    expect(await core.interview.answer(ann, 'other', 2, GOOD)).toMatchObject({ ok: false, code: 'NO_INTERVIEW' });
    expect(await core.interview.answer(ann, state.id, 2, '   ')).toMatchObject({ ok: false, code: 'INVALID_ANSWER' });
    expect(queue.answers).toHaveLength(2);
  });

  it('ends with a report: score per question, key points missed, topics to review, questions added to reviews', async () => {
    const { state } = unwrap(await core.interview.start({ user: ann, length: 4 }));
    const answers = [GOOD, WEAK, GOOD, WEAK];
    const steps = [];
    for (const [i, text] of answers.entries()) steps.push(unwrap(await core.interview.answer(ann, state.id, i, text)));
    const last = steps.at(-1)!;
    const report = last.report!;
    expect(last.next).toBeNull();
    expect(report.state.answers.map((a) => a.pass)).toEqual([true, false, true, false]);
    expect(report.state.answers[1]!.missed).toEqual(['Uses the chain rule', 'Computes the gradient of the loss', 'One backward pass']);
    expect(report.state.answers[0]!.missed).toEqual([]);
    const weakTopics = [state.questionIds[1]!, state.questionIds[3]!].map((id) => core.bank.get(id)!.topic);
    expect(report.topicsToReview.sort()).toEqual([...new Set(weakTopics)].sort());
    expect(report.addedToReview).toEqual(state.questionIds);
    expect(queue.questionsOf(ann).sort()).toEqual([...state.questionIds].sort());
    expect(report.average).toBe(Math.round(report.state.answers.reduce((s, a) => s + a.score, 0) / 4));

    const view = interviewReport(report, slash);
    expect(view.fields?.map((f) => f.name)).toEqual(report.state.answers.map((a, i) => `${i + 1}. ${a.pass ? '✅' : '⚠️'} ${a.score}/100`));
    expect(view.fields?.[1]?.value).toContain('Missed: Uses the chain rule; Computes the gradient of the loss; One backward pass');
    expect(view.text).toContain(`average **${report.average}/100**`);
    expect(view.text).toContain('**Added to your reviews:** 4 questions');
    expect(interviewStepReply(last, slash).text).toContain('Question 4 of 4');
    // Finished, it stays readable as a report; a new start begins a new interview.
    expect(unwrap(await core.interview.status(ann)).report?.average).toBe(report.average);
    const next = unwrap(await core.interview.start({ user: ann, length: 3 }));
    expect(next).toMatchObject({ resumed: false, index: 0 });
    expect(next.state.id).not.toBe(state.id);
  });

  it('keeps an interview for 24 hours, and stop ends it', async () => {
    const { state } = unwrap(await core.interview.start({ user: ann, length: 3 }));
    clock.advance(23 * 3_600_000);
    expect(unwrap(await core.interview.start({ user: ann })).state.id).toBe(state.id);
    clock.advance(2 * 3_600_000);
    expect(await core.interview.status(ann)).toMatchObject({ ok: false, code: 'NO_INTERVIEW' });
    unwrap(await core.interview.start({ user: ann, length: 3 }));
    expect(unwrap(await core.interview.stop(ann)).answers).toEqual([]);
    expect(await core.interview.stop(ann)).toMatchObject({ ok: false, code: 'NO_INTERVIEW' });
    expect(await core.interview.status(ann)).toMatchObject({ ok: false, code: 'NO_INTERVIEW' });
  });

  it('a grading that failed gives the question back: the retry is graded at once', async () => {
    const bank = core.bank;
    const rubric = new RubricGrader(bank.questions);
    let failures = 1;
    // The grader fails once (an outage), then grades as usual.
    const flaky: Grader = { grade: async (q, a) => (failures-- > 0 ? Promise.reject(new Error('grader down')) : rubric.grade(q, a)) };
    const store = await MemoryStore.open({ clock });
    const withFlaky = createBackpropCore({ bank, store, clock, random: seededRandom(8), grader: flaky, answerObserver: queue });
    const { state } = unwrap(await withFlaky.interview.start({ user: ann, length: 3 }));
    await expect(withFlaky.interview.answer(ann, state.id, 0, GOOD)).rejects.toThrow('grader down');
    expect(unwrap(await withFlaky.interview.answer(ann, state.id, 0, GOOD))).toMatchObject({ duplicate: false, answered: { record: { pass: true } } });
    expect(queue.answers).toHaveLength(1);
  });
});

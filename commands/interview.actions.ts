import { ok, fail } from '../src/core/result.js';
import { defineAction } from '../src/registry/action.js';

/** The interview command's buttons and answer form; views build them, commands/interview.ts handles them. */

interface OnQuestion {
  interviewId: string;
  /** 0-based position of the question in the interview. */
  index: number;
}

const onQuestion = (name: string, word: string, opensPrompt = false) =>
  defineAction<OnQuestion>(name, {
    toArgs: (p) => [p.interviewId, String(p.index)],
    fromArgs: ([interviewId = '', index = '']) => (/^\d{1,2}$/.test(index) && interviewId !== '' ? ok({ interviewId, index: Number(index) }) : fail('STALE_ACTION', { command: 'interview' })),
    word: () => word,
    opensPrompt,
  });

export const interviewActions = {
  /** Opens the answer form of the current question. */
  answer: onQuestion('interview.answer', 'answer', true),
  /** The answer form. */
  submit: onQuestion('interview.submit', 'submit'),
  stop: defineAction<object>('interview.stop', { toArgs: () => [], fromArgs: () => ok({}), word: () => 'stop' }),
};

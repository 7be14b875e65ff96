import { ok } from '../src/core/result.js';
import { QUIZ_MODES, type QuizMode } from '../src/core/quiz/delivery.js';
import { defineAction } from '../src/registry/action.js';
import { TOPIC_WORD } from './quiz.actions.js';

const isMode = (s: string): s is QuizMode => (QUIZ_MODES as readonly string[]).includes(s);

/** The practice loop's button (after an answer, and review's start); commands/practice.ts handles it. */
export const practiceActions = {
  /** The next practice card, keeping to a topic if one was asked for. An unknown mode falls back to choice. */
  next: defineAction<{ topic?: string | undefined; mode: QuizMode }>('practice.next', {
    toArgs: (p) => [p.topic ?? '', p.mode],
    fromArgs: ([topic = '', mode = '']) => ok({ topic: TOPIC_WORD.test(topic) ? topic : undefined, mode: isMode(mode) ? mode : 'choice' }),
    word: () => 'next',
  }),
};

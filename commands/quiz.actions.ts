import { ok, fail } from '../src/core/result.js';
import { FLASH_RATINGS, type FlashRating } from '../src/core/scoring.js';
import { QUIZ_MODES, type QuizMode } from '../src/core/quiz/delivery.js';
import { defineAction } from '../src/registry/action.js';

/** The quiz command's buttons and forms; views build them, commands/quiz.ts handles them. */

interface OnDelivery {
  deliveryId: string;
}

const delivery = (name: string, word: string, opensPrompt = false) =>
  defineAction<OnDelivery>(name, {
    toArgs: (p) => [p.deliveryId],
    fromArgs: ([deliveryId = '']) => ok({ deliveryId }),
    word: () => word,
    opensPrompt,
  });

/** A bank topic or a pack's name; the core checks it exists in the community. */
export const TOPIC_WORD = /^[a-z][a-z0-9-]{0,23}$/;
const isRating = (s: string): s is FlashRating => (FLASH_RATINGS as readonly string[]).includes(s);
const isMode = (s: string): s is QuizMode => (QUIZ_MODES as readonly string[]).includes(s);

export const quizActions = {
  /** Position is 0-based; the core checks its range. */
  choice: defineAction<OnDelivery & { position: number }>('quiz.choice', {
    toArgs: (p) => [p.deliveryId, String(p.position)],
    // Only a digit: an empty or odd position must not read as 0 (option 1).
    fromArgs: ([deliveryId = '', position = '']) => (/^\d$/.test(position) ? ok({ deliveryId, position: Number(position) }) : fail('INVALID_ANSWER', { problem: 'choice', options: 4 })),
    word: (p) => String(p.position + 1),
  }),
  answer: delivery('quiz.answer', 'answer', true),
  reveal: delivery('quiz.reveal', 'reveal'),
  hint: delivery('quiz.hint', 'hint'),
  rate: defineAction<OnDelivery & { rating: FlashRating }>('quiz.rate', {
    toArgs: (p) => [p.deliveryId, p.rating],
    fromArgs: ([deliveryId = '', rating = '']) => (isRating(rating) ? ok({ deliveryId, rating }) : fail('INVALID_OPTION', { option: 'rating', valid: FLASH_RATINGS })),
    word: (p) => p.rating,
  }),
  /** A new question like the last one (also App Home's start buttons). An unknown mode falls back to choice. */
  next: defineAction<{ topic?: string | undefined; mode: QuizMode }>('quiz.next', {
    toArgs: (p) => [p.topic ?? '', p.mode],
    fromArgs: ([topic = '', mode = '']) => ok({ topic: TOPIC_WORD.test(topic) ? topic : undefined, mode: isMode(mode) ? mode : 'choice' }),
    word: () => 'next',
  }),
  /** The open answer's form. */
  submit: delivery('quiz.submit', 'submit'),
};

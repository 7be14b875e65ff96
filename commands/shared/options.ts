import { DIFFICULTIES } from '../../src/core/bank/schema.js';
import { QUIZ_MODES } from '../../src/core/quiz/delivery.js';

// Options several commands take, declared once; `as const` keeps the literal names and choices the
// registry types each handler's input from. The description says what the option means there.

/** How members answer: multiple choice, a written (graded) answer, or a self-rated flash card. */
export const modeOption = (description = 'choice (default), open (written answer, graded) or flash (self-rated)') =>
  ({ name: 'mode', description, type: 'string', choices: QUIZ_MODES.map((m) => ({ name: m, value: m })) }) as const;

/** A bank topic or one of the community's packs (autocompleted per community). */
export const topicOption = (description = 'Topic to draw from (default: any)') => ({ name: 'topic', description, type: 'string', dynamicChoices: 'topic' }) as const;

export const difficultyOption = (description = 'beginner, intermediate or advanced (default: any)') =>
  ({ name: 'difficulty', description, type: 'string', choices: DIFFICULTIES.map((d) => ({ name: d, value: d })) }) as const;

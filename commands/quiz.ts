import { DIFFICULTIES, type Difficulty, type Topic } from '../src/core/bank/schema.js';
import { QUIZ_MODES, type QuizMode } from '../src/core/store.js';
import { FLASH_RATINGS, type FlashRating } from '../src/core/scoring.js';
import { defineCommand, type CommandContext } from '../src/registry/command.js';
import { errorReply } from '../src/registry/registry.js';
import { answerResult, flashReveal, hintReply, openAnswerPrompt, quizCard } from '../src/views/quiz-views.js';
import { respond } from './shared/respond.js';

async function start(ctx: CommandContext, topic: Topic | undefined, difficulty: Difficulty | undefined, mode: QuizMode, share: boolean, update: boolean) {
  const result = await ctx.core.quiz.start({ user: ctx.user, topic, difficulty, mode, shared: share && ctx.canShare });
  return respond(result, (quiz) => ({ ...quizCard(quiz), update }));
}

export default defineCommand({
  name: 'quiz',
  description: 'Answer an interview question: multiple choice, open answer or flash card',
  options: [
    { name: 'topic', description: 'Topic to draw from (default: any)', type: 'string', dynamicChoices: 'topic' },
    {
      name: 'difficulty',
      description: 'beginner, intermediate or advanced (default: any)',
      type: 'string',
      choices: DIFFICULTIES.map((d) => ({ name: d, value: d })),
    },
    {
      name: 'mode',
      description: 'choice (default), open (written answer, graded) or flash (self-rated)',
      type: 'string',
      choices: QUIZ_MODES.map((m) => ({ name: m, value: m })),
    },
    { name: 'share', description: 'Post in the channel so everyone can answer (default: only you see it)', type: 'boolean' },
  ],
  async run(ctx, { options }) {
    return start(
      ctx,
      options['topic'] as Topic | undefined,
      options['difficulty'] as Difficulty | undefined,
      (options['mode'] as QuizMode | undefined) ?? 'choice',
      options['share'] === true,
      false,
    );
  },
  actions: {
    'quiz.choice': async (ctx, [id = '', pos = '']) =>
      respond(await ctx.core.quiz.answerChoice(ctx.user, id, Number(pos), ctx.timeZone), answerResult),
    'quiz.answer': async (ctx, [id = '']) => {
      const opened = await ctx.core.quiz.open(ctx.user, id, 'open');
      return respond(opened, ({ question }) => openAnswerPrompt(id, question));
    },
    'quiz.reveal': async (ctx, [id = '']) => {
      const opened = await ctx.core.quiz.open(ctx.user, id, 'flash');
      return respond(opened, ({ delivery, question }) => flashReveal(delivery, question));
    },
    'quiz.rate': async (ctx, [id = '', rating = '']) => {
      if (!FLASH_RATINGS.includes(rating as FlashRating)) return errorReply(`Rate with one of: ${FLASH_RATINGS.join(', ')}.`);
      return respond(await ctx.core.quiz.rateFlash(ctx.user, id, rating as FlashRating, ctx.timeZone), answerResult);
    },
    'quiz.hint': async (ctx, [id = '']) => respond(await ctx.core.quiz.hint(ctx.user, id), hintReply),
    'quiz.next': async (ctx, [topic = '', mode = 'choice']) =>
      start(ctx, (topic || undefined) as Topic | undefined, undefined, QUIZ_MODES.includes(mode as QuizMode) ? (mode as QuizMode) : 'choice', false, true),
  },
  prompts: {
    'quiz.submit': async (ctx, [id = ''], text) => respond(await ctx.core.quiz.answerOpen(ctx.user, id, text, ctx.timeZone), answerResult),
  },
});

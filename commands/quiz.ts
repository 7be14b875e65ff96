import type { Difficulty } from '../src/core/bank/schema.js';
import type { QuizMode } from '../src/core/quiz/delivery.js';
import { onAction, onSubmit } from '../src/registry/action.js';
import { defineCommand, type CommandContext } from '../src/registry/command.js';
import { answerResult, flashReveal, hintReply, openAnswerPrompt, quizCard } from '../src/views/quiz-views.js';
import { quizActions } from './quiz.actions.js';
import { respond } from './shared/respond.js';
import { difficultyOption, modeOption, topicOption } from './shared/options.js';

async function start(ctx: CommandContext, topic: string | undefined, difficulty: Difficulty | undefined, mode: QuizMode, share: boolean, update: boolean) {
  const result = await ctx.core.quiz.start({ user: ctx.user, topic, difficulty, mode, shared: share && ctx.canShare });
  return respond(result, (quiz) => ({ ...quizCard(quiz), update }));
}

export default defineCommand({
  name: 'quiz',
  description: 'Answer an interview question: multiple choice, open answer or flash card',
  options: [
    topicOption(),
    difficultyOption(),
    modeOption(),
    { name: 'share', description: 'Post in the channel so everyone can answer (default: only you see it)', type: 'boolean' },
  ],
  async run(ctx, { options }) {
    return start(ctx, options.topic, options.difficulty, options.mode ?? 'choice', options.share === true, false);
  },
  actions: [
    onAction(quizActions.choice, async (ctx, { deliveryId, position }) =>
      respond(await ctx.core.quiz.answerChoice(ctx.user, deliveryId, position, ctx.timeZone), answerResult),
    ),
    onAction(quizActions.answer, async (ctx, { deliveryId }) =>
      respond(await ctx.core.quiz.open(ctx.user, deliveryId, 'open'), ({ question }) => openAnswerPrompt(deliveryId, question)),
    ),
    onAction(quizActions.reveal, async (ctx, { deliveryId }) =>
      respond(await ctx.core.quiz.open(ctx.user, deliveryId, 'flash'), ({ delivery, question }) => flashReveal(delivery, question)),
    ),
    onAction(quizActions.rate, async (ctx, { deliveryId, rating }) =>
      respond(await ctx.core.quiz.rateFlash(ctx.user, deliveryId, rating, ctx.timeZone), answerResult),
    ),
    onAction(quizActions.hint, async (ctx, { deliveryId }) => respond(await ctx.core.quiz.hint(ctx.user, deliveryId), hintReply)),
    onAction(quizActions.next, async (ctx, { topic, mode }) => start(ctx, topic, undefined, mode, false, true)),
  ],
  prompts: [
    onSubmit(quizActions.submit, async (ctx, { deliveryId }, text) =>
      respond(await ctx.core.quiz.answerOpen(ctx.user, deliveryId, text, ctx.timeZone), answerResult),
    ),
  ],
});

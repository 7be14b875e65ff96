import type { QuizMode } from '../src/core/quiz/delivery.js';
import { onAction } from '../src/registry/action.js';
import { defineCommand, type CommandContext } from '../src/registry/command.js';
import { practiceCard } from '../src/views/learning-views.js';
import { practiceActions } from './practice.actions.js';
import { respond } from './shared/respond.js';
import { modeOption, topicOption } from './shared/options.js';

/**
 * The next card for this member (core/learning/learning-service.ts: due reviews first, then new
 * questions from their weakest topic), delivered as a personal quiz so it scores and keeps the
 * streak like one; its answer offers the next card.
 */
export async function practice(ctx: CommandContext, topic: string | undefined, mode: QuizMode, update: boolean) {
  const pick = await ctx.core.learning.nextCard(ctx.user, topic);
  if (!pick.ok) return pick;
  const quiz = await ctx.core.quiz.start({ user: ctx.user, mode, questionId: pick.value.question.id, practice: { topic } });
  return respond(quiz, (q) => practiceCard(q, pick.value.reason, ctx.core.clock.now(), update));
}

export default defineCommand({
  name: 'practice',
  description: 'Your next card: due reviews first, then new questions from your weakest topics',
  // The reminder is its own command (`/remind` on Discord, which cannot mix options and
  // subcommands); typed, it reads as the issue wrote it.
  textRoutes: { remind: 'remind' },
  options: [
    topicOption('Keep to one topic (default: any)'),
    modeOption(),
  ],
  async run(ctx, { options }) {
    return practice(ctx, options.topic, options.mode ?? 'choice', false);
  },
  actions: [onAction(practiceActions.next, async (ctx, { topic, mode }) => practice(ctx, topic, mode, true))],
});

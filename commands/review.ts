import { QUIZ_MODES } from '../src/core/quiz/delivery.js';
import { defineCommand } from '../src/registry/command.js';
import { reviewReply } from '../src/views/learning-views.js';

export default defineCommand({
  name: 'review',
  description: 'How many of your cards are due today and this week, and a button to start',
  options: [
    {
      name: 'mode',
      description: 'How to answer once started: choice (default), open or flash',
      type: 'string',
      choices: QUIZ_MODES.map((m) => ({ name: m, value: m })),
    },
  ],
  async run(ctx, { options }) {
    return reviewReply(await ctx.core.learning.overview(ctx.user, ctx.timeZone), ctx.invocation, options.mode ?? 'choice');
  },
});

import { defineCommand } from '../src/registry/command.js';
import { reviewReply } from '../src/views/learning-views.js';
import { modeOption } from './shared/options.js';

export default defineCommand({
  name: 'review',
  description: 'How many of your cards are due today and this week, and a button to start',
  options: [
    modeOption('How to answer once started: choice (default), open or flash'),
  ],
  async run(ctx, { options }) {
    return reviewReply(await ctx.core.learning.overview(ctx.user, ctx.timeZone), ctx.invocation, options.mode ?? 'choice');
  },
});

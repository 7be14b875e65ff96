import { defineCommand } from '../src/registry/command.js';
import { topicsReply } from '../src/views/profile-views.js';

export default defineCommand({
  name: 'topics',
  description: 'The topics you can quiz on, with how many questions each has',
  async run(ctx) {
    return topicsReply(await ctx.core.packs.topics(ctx.user.community), ctx.invocation);
  },
});

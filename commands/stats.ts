import { defineCommand } from '../src/registry/command.js';
import { statsReply } from '../src/views/profile-views.js';
import { targetUser } from './shared/target-user.js';

export default defineCommand({
  name: 'stats',
  description: 'Answers, accuracy overall and by topic, and weakest topics',
  options: [{ name: 'user', description: 'Whose stats (default: yours)', type: 'user' }],
  async run(ctx, { options }) {
    const { user, self } = await targetUser(ctx, options.user);
    return statsReply(user.displayName, await ctx.core.profile.stats(user), self, ctx.invocation);
  },
});

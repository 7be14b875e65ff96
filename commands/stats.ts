import { defineCommand } from '../src/registry/command.js';
import { statsReply } from '../src/views/profile-views.js';
import { targetUser } from './shared/target-user.js';

export default defineCommand({
  name: 'stats',
  description: 'Answers, accuracy overall and by topic, and weakest topics',
  options: [{ name: 'user', description: 'Whose stats (default: yours)', type: 'user' }],
  async run(ctx, { options }) {
    const { user, self } = await targetUser(ctx, options.user);
    const [stats, memory] = await Promise.all([ctx.core.profile.stats(user), ctx.core.learning.overview(user, ctx.timeZone)]);
    return statsReply(user.displayName, stats, self, ctx.invocation, memory);
  },
});

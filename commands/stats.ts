import { defineCommand } from '../src/registry/command.js';
import { statsReply } from '../src/views/profile-views.js';
import { statsPicture } from '../src/views/pictures/stats-picture.js';
import { withPicture } from './shared/pictures.js';
import { targetUser } from './shared/target-user.js';

export default defineCommand({
  name: 'stats',
  description: 'Answers, accuracy overall and by topic, and weakest topics',
  options: [{ name: 'user', description: 'Whose stats (default: yours)', type: 'user' }],
  async run(ctx, { options }) {
    const { user, self } = await targetUser(ctx, options.user);
    const [stats, memory] = await Promise.all([ctx.core.profile.stats(user), ctx.core.learning.overview(user, ctx.timeZone)]);
    const reply = statsReply(user.displayName, stats, self, ctx.invocation, memory);
    if (stats.answered === 0) return reply;
    // A picture too: accuracy per topic and the last weeks' activity (in the asker's day when it is theirs).
    return withPicture(ctx, reply, async () => statsPicture(user.displayName, stats, await ctx.core.profile.activity(user, self ? ctx.timeZone : undefined)));
  },
});

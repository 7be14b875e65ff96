import { defineCommand } from '../src/registry/command.js';
import { streakReply } from '../src/views/profile-views.js';
import { targetUser } from './shared/target-user.js';

export default defineCommand({
  name: 'streak',
  description: 'Days in a row with at least one answer: current and best',
  options: [{ name: 'user', description: 'Whose streak (default: yours)', type: 'user' }],
  async run(ctx, { options }) {
    const { user, self } = await targetUser(ctx, options.user);
    return streakReply(user.displayName, await ctx.core.profile.streak(user, self ? ctx.timeZone : undefined), self);
  },
});

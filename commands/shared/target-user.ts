import type { UserRef } from '../../src/core/identity.js';
import type { CommandContext } from '../../src/registry/command.js';

/** The user a streak/stats command is about: the option's member in the same community, or the caller. */
export async function targetUser(ctx: CommandContext, userId: string | undefined): Promise<{ user: UserRef; self: boolean }> {
  if (!userId || userId === ctx.user.userId) return { user: ctx.user, self: true };
  const name = (await ctx.core.profile.displayName(ctx.user.community, userId)) ?? 'that member';
  return { user: { community: ctx.user.community, userId, displayName: name }, self: false };
}

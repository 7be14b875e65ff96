import type { webApi } from '@slack/bolt';
import type { MessageReply } from '../../core/reply.js';
import type { CommandContext } from '../../registry/command.js';
import { homeReply, homeUnavailable } from '../../views/index.js';
import { LIMITS, renderBlocks } from './render-blocks.js';

/**
 * Publishes the App Home tab (app_home_opened -> views.publish). The screen itself is a
 * platform-neutral view (src/views/home-views.ts), rendered and escaped like every message; when
 * the store fails, a "try again" screen is published instead.
 */
export async function publishHome(client: webApi.WebClient, ctx: CommandContext, onError: (err: unknown) => void): Promise<void> {
  let reply: MessageReply;
  try {
    const [overview, memory] = await Promise.all([ctx.core.profile.overview(ctx.user, ctx.timeZone), ctx.core.learning.overview(ctx.user, ctx.timeZone)]);
    reply = homeReply(overview, ctx.invocation, memory);
  } catch (err) {
    onError(err);
    reply = homeUnavailable();
  }
  const { blocks } = renderBlocks(reply, LIMITS.viewBlocks);
  await client.views.publish({ user_id: ctx.user.userId, view: { type: 'home', blocks } });
}

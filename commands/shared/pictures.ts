import type { SvgPicture } from '../../src/core/pictures.js';
import type { MessageReply } from '../../src/core/reply.js';
import type { CommandContext } from '../../src/registry/command.js';

/**
 * The reply with the picture attached, when pictures are configured. A picture that fails to
 * render is logged and left out: the reply's text already says everything the picture shows.
 */
export async function withPicture(ctx: CommandContext, reply: MessageReply, draw: () => SvgPicture | Promise<SvgPicture>): Promise<MessageReply> {
  const renderer = ctx.core.pictures;
  if (!renderer) return reply;
  try {
    const attachment = await renderer.render(await draw());
    return { ...reply, attachments: [...(reply.attachments ?? []), attachment] };
  } catch (err) {
    ctx.log?.warn('picture not rendered; replying with text only', { error: err instanceof Error ? err.message : String(err) });
    return reply;
  }
}

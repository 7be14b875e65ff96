import type { webApi } from '@slack/bolt';
import type { ChannelMessageRef, ChannelPoster } from '../../core/channel-poster.js';
import { AppError } from '../../core/errors.js';
import type { Community } from '../../core/identity.js';
import type { MessageReply } from '../../core/reply.js';
import { ChannelPacer } from './channel-pacer.js';
import { renderBlocks } from './render-blocks.js';

/**
 * ChannelPoster over the Web API (chat.postMessage / chat.update), for posts the core makes on its
 * own (daily questions). The bot token decides which workspaces it can reach: a channel of a
 * workspace it does not serve answers channel_not_found. WebClient queues and retries on 429
 * (Retry-After) by itself.
 */

const INVITE_HINT = 'Invite the bot to that channel with /invite @Backprop, then try again.';

/** Web API error codes -> what an admin should do. */
function explain(code: string): string {
  switch (code) {
    case 'not_in_channel':
      return `Backprop is not a member of that channel. ${INVITE_HINT}`;
    case 'channel_not_found':
      return `Backprop cannot see that channel (it may be private, or the id is wrong). ${INVITE_HINT}`;
    case 'is_archived':
      return 'That channel is archived. Pick another channel.';
    case 'missing_scope':
      return 'The Slack app lacks a permission it needs (see the app manifest from npm run slack:manifest) and must be reinstalled.';
    default:
      return `Slack refused (${code}). Check the channel and try again.`;
  }
}

function errorCode(err: unknown): string {
  const data = (err as { data?: { error?: unknown } }).data;
  return typeof data?.error === 'string' ? data.error : 'request_failed';
}

export class SlackPoster implements ChannelPoster {
  readonly platform = 'slack' as const;

  /** Slack answered (ok:false or an HTTP status); a request error never reached it or got no answer. */
  isPlatformAnswer(err: unknown): boolean {
    const code = (err as { code?: unknown } | null)?.code;
    return code === 'slack_webapi_platform_error' || code === 'slack_webapi_http_error' || code === 'slack_webapi_rate_limited_error';
  }

  constructor(
    /** Bolt's Web API client, which exists once the adapter has started. */
    private readonly clientOf: () => webApi.WebClient,
    /** The slash command word, without the slash. */
    private readonly command: string,
    private readonly pacer = new ChannelPacer(),
  ) {}

  invocation(command: string): string {
    return `/${this.command} ${command}`;
  }

  private foreign(community: Community): string | null {
    return community.platform === 'slack' ? null : `A ${community.platform} community cannot be posted to on Slack.`;
  }

  async checkChannel(community: Community, channelId: string): Promise<string | null> {
    const foreign = this.foreign(community);
    if (foreign) return foreign;
    try {
      const res = await this.clientOf().conversations.info({ channel: channelId });
      const ch = res.channel;
      if (ch?.is_archived) return explain('is_archived');
      // Public channels report is_member; a private channel the bot can see is one it is in.
      if (ch && ch.is_member === false) return explain('not_in_channel');
      return null;
    } catch (err) {
      return explain(errorCode(err));
    }
  }

  async post(community: Community, channelId: string, reply: MessageReply): Promise<ChannelMessageRef> {
    this.assertOwn(community);
    await this.pacer.turn(channelId);
    const res = await this.clientOf().chat.postMessage({ channel: channelId, ...renderBlocks(reply) });
    if (!res.ts || !res.channel) throw new AppError('INTERNAL', 'chat.postMessage returned no message timestamp');
    return { channelId: res.channel, messageId: res.ts };
  }

  async update(community: Community, ref: ChannelMessageRef, reply: MessageReply): Promise<void> {
    this.assertOwn(community);
    await this.pacer.turn(ref.channelId);
    await this.clientOf().chat.update({ channel: ref.channelId, ts: ref.messageId, ...renderBlocks(reply) });
  }

  /** A direct message: conversations.open (scope im:write) gives the member's DM channel, then a post there. */
  async sendDirect(community: Community, userId: string, reply: MessageReply): Promise<void> {
    this.assertOwn(community);
    const opened = await this.clientOf().conversations.open({ users: userId });
    const channel = opened.channel?.id;
    if (!channel) throw new AppError('INTERNAL', 'conversations.open returned no channel');
    await this.pacer.turn(channel);
    await this.clientOf().chat.postMessage({ channel, ...renderBlocks(reply) });
  }

  private assertOwn(community: Community): void {
    const foreign = this.foreign(community);
    if (foreign) throw new AppError('INTERNAL', foreign);
  }
}

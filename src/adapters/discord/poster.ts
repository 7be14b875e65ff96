import { DiscordAPIError, HTTPError, PermissionFlagsBits, Routes, Status, type Client } from 'discord.js';
import type { ChannelMessageRef, ChannelPoster } from '../../core/channel-poster.js';
import type { Community } from '../../core/identity.js';
import type { MessageReply } from '../../core/reply.js';
import { AppError } from '../../core/errors.js';
import { messageBody } from './render.js';

type Needed = readonly [flag: bigint, name: string];
const VIEW: Needed = [PermissionFlagsBits.ViewChannel, 'View Channel'];
const SEND: Needed = [PermissionFlagsBits.SendMessages, 'Send Messages'];
const SEND_IN_THREADS: Needed = [PermissionFlagsBits.SendMessagesInThreads, 'Send Messages in Threads'];
const EMBED: Needed = [PermissionFlagsBits.EmbedLinks, 'Embed Links'];

/** Posts on Backprop's own initiative (daily questions) through the REST client, which queues for rate limits. */
export class DiscordPoster implements ChannelPoster {
  readonly platform = 'discord' as const;
  readonly invocation = (command: string) => `/${command}`;

  constructor(private readonly client: Client) {}

  isConnected(): boolean {
    return this.client.isReady() && this.client.ws.status === Status.Ready;
  }

  /** Discord answered (an API error or an HTTP status); anything else never reached it or got no answer. */
  isPlatformAnswer(err: unknown): boolean {
    return err instanceof DiscordAPIError || err instanceof HTTPError;
  }

  async checkChannel(community: Community, channelId: string): Promise<string | null> {
    if (community.id.startsWith('dm:')) return 'Channel posts need a server: run this command in a server channel, not in a direct message.';
    const guild = this.client.guilds.cache.get(community.id);
    if (!guild) return 'Backprop is not in this server any more. Invite it again, then try again.';
    const channel = await this.client.channels.fetch(channelId).catch(() => null);
    if (!channel || channel.isDMBased() || channel.guildId !== guild.id) {
      return `Backprop cannot see <#${channelId}>. Pick a channel of this server it can see, or give it View Channel there.`;
    }
    if (!channel.isTextBased() || channel.isVoiceBased()) return `<#${channelId}> is not a text channel. Pick a text channel.`;
    const me = await guild.members.fetchMe();
    const permissions = channel.permissionsFor(me);
    const needed = [VIEW, channel.isThread() ? SEND_IN_THREADS : SEND, EMBED];
    const missing = needed.filter(([flag]) => !permissions.has(flag)).map(([, name]) => name);
    if (missing.length === 0) return null;
    return `Backprop needs ${missing.join(', ')} in <#${channelId}>. Open the channel's settings → Permissions, allow them for Backprop's role, and try again.`;
  }

  async post(community: Community, channelId: string, reply: MessageReply): Promise<ChannelMessageRef> {
    this.assertInCommunity(community, channelId);
    const posted = await this.client.rest.post(Routes.channelMessages(channelId), { body: messageBody(reply) });
    const messageId = typeof posted === 'object' && posted !== null && 'id' in posted && typeof posted.id === 'string' ? posted.id : null;
    if (!messageId) throw new AppError('INTERNAL', 'Discord answered a channel post without a message id');
    return { channelId, messageId };
  }

  async update(community: Community, ref: ChannelMessageRef, reply: MessageReply): Promise<void> {
    this.assertInCommunity(community, ref.channelId);
    await this.client.rest.patch(Routes.channelMessage(ref.channelId, ref.messageId), { body: messageBody(reply) });
  }

  /** A direct message: Discord's DM channel with the member (POST /users/@me/channels), then a message there. */
  async sendDirect(_community: Community, userId: string, reply: MessageReply): Promise<void> {
    const dm = await this.client.rest.post(Routes.userChannels(), { body: { recipient_id: userId } });
    const channelId = typeof dm === 'object' && dm !== null && 'id' in dm && typeof dm.id === 'string' ? dm.id : null;
    if (!channelId) throw new AppError('INTERNAL', 'Discord answered a DM channel request without a channel id');
    await this.client.rest.post(Routes.channelMessages(channelId), { body: messageBody(reply) });
  }

  /** No community may post into another's channel, whatever a stored reference says. */
  private assertInCommunity(community: Community, channelId: string): void {
    const channel = this.client.channels.cache.get(channelId);
    if (channel && !channel.isDMBased() && channel.guildId !== community.id) {
      throw new AppError('INTERNAL', `channel ${channelId} is not in community ${community.id}`);
    }
  }
}

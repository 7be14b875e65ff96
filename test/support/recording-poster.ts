import type { ChannelMessageRef, ChannelPoster } from '../../src/core/channel-poster.js';
import type { Community, Platform } from '../../src/core/identity.js';
import type { MessageReply } from '../../src/core/reply.js';

export interface RecordedPost {
  community: Community;
  channelId: string;
  messageId: string;
  reply: MessageReply;
  updates: MessageReply[];
}

/** A ChannelPoster double that records what would have been posted; channels in `hidden` are refused. */
export class RecordingPoster implements ChannelPoster {
  readonly posts: RecordedPost[] = [];
  /** Direct messages sent (practice reminders). */
  readonly directs: { community: Community; userId: string; reply: MessageReply }[] = [];
  readonly hidden = new Set<string>();
  connected = true;
  /** The next post throws this, once. */
  failNext: Error | null = null;
  /** Which failures count as the platform's own answer (see ChannelPoster.isPlatformAnswer). */
  platformAnswers = new Set<Error>();
  private n = 0;

  constructor(readonly platform: Platform = 'discord') {}

  invocation(command: string): string {
    return `/${command}`;
  }

  isConnected(): boolean {
    return this.connected;
  }

  async checkChannel(_c: Community, channelId: string): Promise<string | null> {
    return this.hidden.has(channelId) ? `I cannot post in <#${channelId}>: give me View Channel and Send Messages there.` : null;
  }

  isPlatformAnswer(err: unknown): boolean {
    return err instanceof Error && this.platformAnswers.has(err);
  }

  async post(community: Community, channelId: string, reply: MessageReply): Promise<ChannelMessageRef> {
    const failure = this.failNext;
    this.failNext = null;
    if (failure) throw failure;
    const messageId = `m${++this.n}`;
    this.posts.push({ community, channelId, messageId, reply, updates: [] });
    return { channelId, messageId };
  }

  async sendDirect(community: Community, userId: string, reply: MessageReply): Promise<void> {
    const failure = this.failNext;
    this.failNext = null;
    if (failure) throw failure;
    this.directs.push({ community, userId, reply });
  }

  async update(_c: Community, ref: ChannelMessageRef, reply: MessageReply): Promise<void> {
    const post = this.posts.find((p) => p.messageId === ref.messageId && p.channelId === ref.channelId);
    if (!post) throw new Error(`no message ${ref.messageId}`);
    post.updates.push(reply);
  }
}

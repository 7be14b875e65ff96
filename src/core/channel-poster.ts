import type { Community, Platform } from './identity.js';
import type { MessageReply } from './reply.js';

/** Where a channel post landed, so it can be updated later (the daily reveal). */
export interface ChannelMessageRef {
  channelId: string;
  messageId: string;
}

/**
 * What the core needs from a platform to post on its own (daily questions): each adapter
 * implements it over its own client, within that platform's rate limits.
 */
export interface ChannelPoster {
  readonly platform: Platform;
  /** How members type a command there ("/quiz", "/prep quiz"), for the words of what is posted. */
  invocation(command: string): string;
  /** Null when the bot can post in the channel; else a message for the admin saying what to fix. */
  checkChannel(community: Community, channelId: string): Promise<string | null>;
  post(community: Community, channelId: string, reply: MessageReply): Promise<ChannelMessageRef>;
  update(community: Community, ref: ChannelMessageRef, reply: MessageReply): Promise<void>;
  /**
   * Sends a direct message to a member of the community (practice reminders). Absent where the
   * platform has no direct messages; reminders are then not offered there.
   */
  sendDirect?(community: Community, userId: string, reply: MessageReply): Promise<void>;
  /**
   * False while the platform connection is down (a Discord gateway that is not ready): the
   * scheduler then claims nothing, leaving the slot to a replica that can post. Absent: always up.
   */
  isConnected?(): boolean;
  /**
   * True when a failed post or update is the platform's own answer (an API error response, such as
   * missing permissions), not a failure to reach it. The scheduler keeps the claim on the former,
   * so a refusing channel is retried only after the takeover delay, and gives it back at once on
   * the latter, so another replica can post. Absent: every failure is the platform's answer.
   */
  isPlatformAnswer?(err: unknown): boolean;
}

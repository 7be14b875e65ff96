import { createActionCodec } from '../../src/adapters/shared/action-codec.js';
import type { PlatformAdapter } from '../../src/adapters/shared/platform-adapter.js';
import type { App } from '../../src/bootstrap.js';
import type { ChannelMessageRef, ChannelPoster } from '../../src/core/channel-poster.js';
import type { Community } from '../../src/core/identity.js';
import type { MessageReply, Reply } from '../../src/core/reply.js';

/**
 * A made-up platform with a tight 64-byte action limit, written only against the adapter seam
 * (src/adapters/shared) and the core's ports: it proves a platform can be added without touching
 * src/core, and that every action fits a wire far smaller than Discord's.
 */
export const TINY_LIMITS = { text: 4000, label: 32, actionBytes: 64 } as const;
export const tinyActions = createActionCodec(TINY_LIMITS.actionBytes);

export interface TinyMessage {
  text: string;
  buttons: { label: string; id: string }[];
}

const cut = (s: string, max: number) => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);

export function renderTiny(reply: Reply): TinyMessage {
  if (reply.type === 'prompt') return { text: cut(`${reply.title}: ${reply.label}`, TINY_LIMITS.text), buttons: [{ label: 'Answer', id: tinyActions.encode(reply.action) }] };
  const parts = [reply.title, reply.text, ...(reply.fields ?? []).map((f) => `${f.name}: ${f.value}`), reply.footer].filter(Boolean);
  const buttons = (reply.buttons ?? []).flat().filter((b) => !b.disabled);
  return { text: cut(parts.join('\n'), TINY_LIMITS.text), buttons: buttons.map((b) => ({ label: cut(b.label, TINY_LIMITS.label), id: tinyActions.encode(b.action) })) };
}

export class TinyPoster implements ChannelPoster {
  readonly platform = 'tiny';
  readonly posts: { community: Community; channelId: string; message: TinyMessage }[] = [];

  invocation(command: string): string {
    return `!${command}`;
  }

  async checkChannel(): Promise<string | null> {
    return null;
  }

  async post(community: Community, channelId: string, reply: MessageReply): Promise<ChannelMessageRef> {
    this.posts.push({ community, channelId, message: renderTiny(reply) });
    return { channelId, messageId: String(this.posts.length) };
  }

  async update(community: Community, ref: ChannelMessageRef, reply: MessageReply): Promise<void> {
    this.posts.push({ community, channelId: ref.channelId, message: renderTiny(reply) });
  }
}

export function createTinyAdapter(_config: object, _app: App): PlatformAdapter & { poster: TinyPoster } {
  return { platform: 'tiny', poster: new TinyPoster(), start: async () => {}, stop: async () => {} };
}

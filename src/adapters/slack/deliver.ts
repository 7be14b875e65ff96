import type { webApi } from '@slack/bolt';
import type { Logger } from '../../core/ports.js';
import { isPicture, type MessageReply, type PromptReply, type ReplyAttachment } from '../../core/reply.js';
import { promptView } from './modals.js';
import type { Origin } from './payloads.js';
import { renderBlocks, type RenderedMessage } from './render-blocks.js';

/**
 * Delivers a reply after the request was acknowledged, the Slack way:
 * - a slash command answers through its response_url (ephemeral or in the channel);
 * - an `update` reply to a button replaces that message: respond(replace_original) for an
 *   ephemeral message (chat.update cannot touch those), chat.update for a normal one (and the
 *   response_url if chat.update is refused);
 * - other replies to a button go to the same response_url as new (ephemeral) messages;
 * - a button in App Home has no message to answer to, so its reply is a direct message.
 */

export type ResponseBody = RenderedMessage & {
  response_type?: 'ephemeral' | 'in_channel';
  replace_original?: boolean;
};

/** The message body a slash command's ack (or response_url) takes. */
export function commandResponse(reply: MessageReply): ResponseBody {
  return { response_type: reply.ephemeral ? 'ephemeral' : 'in_channel', ...renderBlocks(reply) };
}

/** POSTs to a response_url (valid 30 minutes, 5 uses); throws when Slack does not accept it. */
export async function postResponse(url: string, body: ResponseBody): Promise<void> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`response_url answered ${res.status}`);
}

/** Slack's limit on a file's alt text. */
const ALT_TEXT_MAX = 1000;

/** A direct message (D…): private, so a private result may replace a message there. */
const isPrivateConversation = (channelId: string) => channelId.startsWith('D');

export class SlackResponder {
  constructor(private readonly logger: Logger) {}

  async message(client: webApi.WebClient, origin: Origin, userId: string, reply: MessageReply): Promise<void> {
    try {
      await this.route(client, origin, userId, reply);
    } catch (err) {
      this.logger.error('could not deliver a Slack reply', { origin: origin.kind, error: (err as Error).message });
      return;
    }
    await this.files(client, origin, userId, reply);
  }

  /**
   * Uploads a reply's files after its text (files.uploadV2: getUploadURLExternal, the upload,
   * completeUploadExternal). Pictures go to the reply's channel, and only with a new public
   * message: a file shared in a channel is seen by everyone, so a private or replacing reply keeps
   * its text alone. Documents (a pack's file) are the asker's alone: they go to the app's direct
   * message with them. Without the files:write scope the text alone is the answer.
   */
  async files(client: webApi.WebClient, origin: Origin, userId: string, reply: MessageReply): Promise<void> {
    const all = reply.attachments ?? [];
    const pictures = all.filter(isPicture);
    const documents = all.filter((a) => !isPicture(a));
    if (pictures.length > 0 && !reply.ephemeral && !reply.update && origin.kind !== 'home') await this.upload(client, () => Promise.resolve(origin.channelId), reply, pictures);
    if (documents.length > 0) await this.upload(client, async () => (await client.conversations.open({ users: userId })).channel?.id, reply, documents);
  }

  private async upload(client: webApi.WebClient, channel: () => Promise<string | undefined>, reply: MessageReply, files: ReplyAttachment[]): Promise<void> {
    try {
      const channelId = await channel();
      if (!channelId) throw new Error('no conversation to upload to');
      await client.filesUploadV2({
        channel_id: channelId,
        file_uploads: files.map((f) => ({ file: Buffer.from(f.data), filename: f.name, title: reply.title ?? f.name, alt_text: f.alt.slice(0, ALT_TEXT_MAX) })),
      });
    } catch (err) {
      const code = (err as { data?: { error?: unknown } }).data?.error;
      if (code === 'missing_scope') {
        this.logger.warn('Slack files (pictures, pack exports) need the files:write bot scope: add it (npm run slack:manifest) and reinstall the app. Replied with text only.');
      } else {
        this.logger.warn('could not upload a file to Slack; replied with text only', { error: (err as Error).message });
      }
    }
  }

  private async route(client: webApi.WebClient, origin: Origin, userId: string, reply: MessageReply): Promise<void> {
    const rendered = renderBlocks(reply);
    if (origin.kind === 'home') {
      await client.chat.postMessage({ channel: userId, ...rendered });
      return;
    }
    if (origin.kind === 'command') {
      await this.viaResponseUrl(origin.responseUrl, commandResponse(reply), () =>
        reply.ephemeral
          ? client.chat.postEphemeral({ channel: origin.channelId, user: userId, ...rendered })
          : client.chat.postMessage({ channel: origin.channelId, ...rendered }),
      );
      return;
    }
    // Never turn a public message into something only this member should see.
    const mayReplace = !reply.ephemeral || origin.ephemeral || isPrivateConversation(origin.channelId);
    if (reply.update && mayReplace) {
      if (!origin.ephemeral) {
        try {
          await client.chat.update({ channel: origin.channelId, ts: origin.messageTs, ...rendered });
          return;
        } catch (err) {
          // e.g. a message posted through a response_url in a channel the bot is not in.
          if (!origin.responseUrl) throw err;
          this.logger.warn('chat.update failed; replacing through response_url', { error: (err as Error).message });
        }
      }
      if (origin.responseUrl) {
        await postResponse(origin.responseUrl, { replace_original: true, ...rendered });
        return;
      }
    }
    const body: ResponseBody = { response_type: reply.ephemeral ? 'ephemeral' : 'in_channel', replace_original: false, ...rendered };
    const fallback = () =>
      reply.ephemeral
        ? client.chat.postEphemeral({ channel: origin.channelId, user: userId, ...rendered })
        : client.chat.postMessage({ channel: origin.channelId, ...rendered });
    if (origin.responseUrl) await this.viaResponseUrl(origin.responseUrl, body, fallback);
    else await fallback();
  }

  /** response_url first (works without the bot in the channel); the Web API if it has expired. */
  private async viaResponseUrl(url: string, body: ResponseBody, fallback: () => Promise<unknown>): Promise<void> {
    try {
      await postResponse(url, body);
    } catch (err) {
      this.logger.warn('response_url failed; posting with the Web API', { error: (err as Error).message });
      await fallback();
    }
  }

  /** Opens the modal for a prompt; the trigger_id is only valid for 3 seconds after the click. */
  async prompt(client: webApi.WebClient, triggerId: string, origin: Origin, userId: string, reply: PromptReply): Promise<void> {
    try {
      await client.views.open({ trigger_id: triggerId, view: promptView(reply, origin) });
    } catch (err) {
      this.logger.warn('views.open failed', { error: (err as Error).message });
      await this.message(client, origin, userId, {
        type: 'message',
        title: 'That did not work',
        text: 'The answer form could not be opened in time. Press the button again.',
        tone: 'error',
        ephemeral: true,
        update: false,
      });
    }
  }
}

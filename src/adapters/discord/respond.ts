import {
  MessageFlags,
  type ChatInputCommandInteraction,
  type InteractionReplyOptions,
  type MessageComponentInteraction,
  type ModalMessageModalSubmitInteraction,
  type ModalSubmitInteraction,
} from 'discord.js';
import { noMetrics, type Metrics } from '../../core/metrics.js';
import type { Logger } from '../../core/ports.js';
import { isPicture, message, type MessageReply, type Reply } from '../../core/reply.js';
import { errorReply, STILL_PROCESSING_TEXT, UNAVAILABLE_TEXT } from '../../views/index.js';
import { FIRST_RESPONSE_BUDGET_MS, raceDeadline } from '../shared/deadline.js';
import { NO_MENTIONS } from './mentions.js';
import { renderMessage, renderModal } from './render.js';
import { truncate } from './text.js';

/** Discord's limit on an attachment's description (its alt text). */
const ALT_TEXT_MAX = 1024;

/** The interactions that get a message (or a modal) back. */
export type AnswerableInteraction = ChatInputCommandInteraction | MessageComponentInteraction | ModalSubmitInteraction;

export interface Timing {
  /** Past this, the interaction is acknowledged (deferred) so Discord's 3 seconds are kept. */
  firstResponseMs: number;
  /** Past this (from the start), the user is told the result is still being processed. */
  giveUpMs: number;
}

export const DEFAULT_TIMING: Timing = { firstResponseMs: FIRST_RESPONSE_BUDGET_MS, giveUpMs: 10_000 };

/** How an interaction was acknowledged: a private "thinking…" reply, or a silent hold on the message it came from. */
type Deferral = 'reply' | 'update';

const SLOW_FORM = message({
  title: 'Please try again',
  text: 'Backprop took too long to open the form. Press the button again.',
  tone: 'warning',
  ephemeral: true,
});

const STILL_PROCESSING = message({ title: 'Still processing', text: STILL_PROCESSING_TEXT, tone: 'warning', ephemeral: true });

const POSTED = message({ text: 'Posted in the channel.', tone: 'info', ephemeral: true });

function body(reply: MessageReply) {
  const rendered = renderMessage(reply);
  const files = (reply.attachments ?? []).map((a) => ({ attachment: Buffer.from(a.data), name: a.name, description: truncate(a.alt, ALT_TEXT_MAX) }));
  // The first picture shows inside the embed (attachment://name), the way members expect a card.
  const first = (reply.attachments ?? []).find(isPicture);
  if (first) rendered.embeds[0] = Object.assign({}, rendered.embeds[0], { image: { url: `attachment://${first.name}` } });
  // An edit without pictures drops the old ones (a leaderboard card must not outlive its page).
  const attachments = reply.update && files.length === 0 ? { attachments: [] } : {};
  // Object.assign onto the fresh body, not a spread followed by properties (microseconds each in V8).
  return Object.assign(rendered, { allowedMentions: NO_MENTIONS }, files.length > 0 ? { files } : {}, attachments);
}

function replyOptions(reply: MessageReply): InteractionReplyOptions {
  return Object.assign(body(reply), reply.ephemeral ? ({ flags: MessageFlags.Ephemeral } as const) : {});
}

/** True when the interaction came from a message's component, whose message `update` replaces. */
function onMessage(i: AnswerableInteraction): i is MessageComponentInteraction | ModalMessageModalSubmitInteraction {
  return i.isMessageComponent() || (i.isModalSubmit() && i.isFromMessage());
}

/**
 * Delivers a handler's reply within Discord's deadlines: directly when it is ready in time, else
 * after acknowledging; and "temporarily unavailable, try again" when it does not come at all.
 */
export class Responder {
  constructor(
    private readonly timing: Timing,
    private readonly logger: Logger,
    private readonly metrics: Metrics = noMetrics,
  ) {}

  /** `receivedAt` (performance.now() when the event arrived) starts the response-time histogram. */
  async respond(i: AnswerableInteraction, work: Promise<Reply>, receivedAt = performance.now()): Promise<void> {
    const observe = (phase: 'first' | 'final') => this.metrics.responseTime('discord', phase, (performance.now() - receivedAt) / 1000);
    const safeWork = work.catch((err: unknown) => {
      this.logger.error('discord handler failed', { interactionId: i.id, error: err instanceof Error ? err.message : String(err) });
      return errorReply(UNAVAILABLE_TEXT);
    });
    const first = await raceDeadline(safeWork, this.timing.firstResponseMs);
    if (first.inTime) {
      await this.sendFirst(i, first.value);
      observe('first');
      return observe('final');
    }

    const deferral = await this.defer(i);
    observe('first');
    const rest = Math.max(0, this.timing.giveUpMs - this.timing.firstResponseMs);
    const late = await raceDeadline(first.later, rest);
    if (late.inTime) {
      await this.sendAfterDefer(i, deferral, late.value);
      return observe('final');
    }

    this.logger.warn('discord handler is slow', { interactionId: i.id, after: this.timing.giveUpMs });
    // Not "nothing was changed": the store may still apply it. The result, success or failure,
    // replaces this note when it lands (the interaction token lives 15 minutes).
    await this.sendAfterDefer(i, deferral, STILL_PROCESSING);
    void late.later
      .then((reply) => (reply.type === 'message' ? this.sendAfterDefer(i, deferral, reply) : undefined))
      .catch((err: unknown) => this.logger.warn('discord late reply failed', { error: err instanceof Error ? err.message : String(err) }));
  }

  private async sendFirst(i: AnswerableInteraction, reply: Reply): Promise<void> {
    if (reply.type === 'prompt') {
      // A form cannot open another form; anything else may show one as its first response.
      if (!i.isModalSubmit()) return void (await i.showModal(renderModal(reply)));
      return this.sendFirst(i, errorReply('Backprop cannot open a form from a form. Start again with a new command.'));
    }
    if (reply.update && onMessage(i)) return void (await i.update(body(reply)));
    await i.reply(replyOptions(reply));
  }

  private async defer(i: AnswerableInteraction): Promise<Deferral> {
    if (onMessage(i)) {
      await i.deferUpdate();
      return 'update';
    }
    // Private until the result says otherwise: an error or a personal quiz never shows in the channel.
    await i.deferReply({ flags: MessageFlags.Ephemeral });
    return 'reply';
  }

  private async sendAfterDefer(i: AnswerableInteraction, deferral: Deferral, reply: Reply): Promise<void> {
    // A modal can only be a first response.
    if (reply.type === 'prompt') return this.sendAfterDefer(i, deferral, SLOW_FORM);
    if (deferral === 'update') {
      if (reply.update) await i.editReply(body(reply));
      else await i.followUp(replyOptions(reply));
      return;
    }
    if (reply.ephemeral) {
      await i.editReply(body(reply));
      return;
    }
    // The placeholder is private; a public result goes to the channel as a follow-up.
    await i.editReply(body(POSTED));
    await i.followUp(replyOptions(reply));
  }
}

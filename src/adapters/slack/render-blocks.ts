import type { MessageReply, ReplyButton, ReplyField } from '../../core/reply.js';
import { createActionCodec } from '../shared/action-codec.js';
import { splitText, toMrkdwn, toPlain, truncate } from './mrkdwn.js';

/**
 * MessageReply -> Block Kit. Slack rejects a whole message that breaks one limit, so every limit
 * is enforced here by splitting or shortening: a long answer becomes several sections, an
 * oversized message is cut with a note, and rendering never fails.
 */

/** Block Kit limits (docs.slack.dev/reference/block-kit). */
export const LIMITS = {
  messageBlocks: 50,
  viewBlocks: 100,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  headerText: 150,
  contextElements: 10,
  contextText: 3000,
  actionsElements: 25,
  buttonText: 75,
  actionId: 255,
  buttonValue: 2000,
  /** Top-level notification text: Slack allows 40,000, a notification shows far less. */
  fallbackText: 300,
} as const;

/** Buttons carry their action in `value`; modals carry it in private_metadata (3,000, with room to spare). */
export const slackActions = createActionCodec(LIMITS.buttonValue);

export interface PlainText {
  type: 'plain_text';
  text: string;
  emoji?: boolean;
}
/** verbatim: Slack must not auto-link channel names, URLs or mentions found in our text. */
export interface MrkdwnText {
  type: 'mrkdwn';
  text: string;
  verbatim: true;
}
export interface ButtonElement {
  type: 'button';
  text: PlainText;
  action_id: string;
  value: string;
  style?: 'primary' | 'danger';
}
export type Block =
  | { type: 'header'; text: PlainText }
  | { type: 'section'; text: MrkdwnText }
  | { type: 'section'; fields: MrkdwnText[] }
  | { type: 'context'; elements: MrkdwnText[] }
  | { type: 'actions'; elements: ButtonElement[] }
  | { type: 'divider' };

export interface RenderedMessage {
  blocks: Block[];
  /** Notification / fallback text. */
  text: string;
}

export const plain = (text: string): PlainText => ({ type: 'plain_text', text, emoji: true });
export const mrkdwn = (text: string): MrkdwnText => ({ type: 'mrkdwn', text, verbatim: true });

const sections = (md: string): Block[] => splitText(md, LIMITS.sectionText).map((t) => ({ type: 'section', text: mrkdwn(t) }));

/** Short inline fields side by side (a section's fields), everything else as full-width sections. */
function renderFields(fields: readonly ReplyField[]): Block[] {
  const blocks: Block[] = [];
  let row: MrkdwnText[] = [];
  const flushRow = () => {
    if (row.length > 0) blocks.push({ type: 'section', fields: row });
    row = [];
  };
  for (const f of fields) {
    const text = `*${toPlain(f.name)}*\n${toMrkdwn(f.value)}`;
    if (f.inline && text.length <= LIMITS.fieldText) {
      row.push(mrkdwn(text));
      if (row.length === LIMITS.sectionFields) flushRow();
      continue;
    }
    flushRow();
    blocks.push(...sections(text));
  }
  flushRow();
  return blocks;
}

function buttonStyle(b: ReplyButton): 'primary' | 'danger' | undefined {
  if (b.style === 'primary' || b.style === 'success') return 'primary';
  return b.style === 'danger' ? 'danger' : undefined;
}

/**
 * One actions block per row (split at 25 elements). The value carries the encoded action, which is
 * what the adapter dispatches on; action_ids only need to be unique within the message.
 * Slack has no disabled buttons, so disabled ones are left out.
 */
export function renderButtons(rows: readonly (readonly ReplyButton[])[]): Block[] {
  const used = new Set<string>();
  const blocks: Block[] = [];
  for (const row of rows) {
    const elements = row
      .filter((b) => !b.disabled)
      .map((b): ButtonElement => {
        const value = slackActions.encode(b.action);
        let actionId = value.slice(0, LIMITS.actionId - 4);
        for (let n = 2; used.has(actionId); n++) actionId = `${value.slice(0, LIMITS.actionId - 4)}#${n}`;
        used.add(actionId);
        const style = buttonStyle(b);
        return { type: 'button', text: plain(truncate(toPlain(b.label), LIMITS.buttonText)), action_id: actionId, value, ...(style ? { style } : {}) };
      });
    for (let i = 0; i < elements.length; i += LIMITS.actionsElements) {
      blocks.push({ type: 'actions', elements: elements.slice(i, i + LIMITS.actionsElements) });
    }
  }
  return blocks;
}

const TONE_MARK = { error: '⚠️ ', warning: '', success: '', info: '' } as const;

export function fallbackText(reply: MessageReply): string {
  const source = reply.title ?? reply.text ?? reply.fields?.[0]?.value ?? 'Backprop';
  return truncate(toPlain(source.split('\n')[0] ?? ''), LIMITS.fallbackText);
}

/** Renders a reply; `maxBlocks` is 50 for messages, 100 for App Home and modals. */
export function renderBlocks(reply: MessageReply, maxBlocks: number = LIMITS.messageBlocks): RenderedMessage {
  const head: Block[] = [];
  if (reply.title) {
    head.push({ type: 'header', text: plain(truncate(`${TONE_MARK[reply.tone ?? 'info']}${toPlain(reply.title)}`, LIMITS.headerText)) });
  }
  const body: Block[] = [...(reply.text ? sections(toMrkdwn(reply.text)) : []), ...renderFields(reply.fields ?? [])];
  const tail: Block[] = renderButtons(reply.buttons ?? []);
  if (reply.footer) tail.push({ type: 'context', elements: [mrkdwn(truncate(toMrkdwn(reply.footer), LIMITS.contextText))] });

  // Over the limit: keep the header, the buttons and the footer, and cut the body with a note.
  const room = maxBlocks - head.length - tail.length;
  let kept = body;
  if (body.length > room) {
    const note: Block = { type: 'context', elements: [mrkdwn('_… shortened: the rest does not fit in one Slack message._')] };
    kept = [...body.slice(0, Math.max(0, room - 1)), note];
  }
  const blocks = [...head, ...kept, ...tail].slice(0, maxBlocks);
  const text = fallbackText(reply);
  if (blocks.length === 0) blocks.push({ type: 'section', text: mrkdwn(text || 'Backprop') });
  return { blocks, text };
}

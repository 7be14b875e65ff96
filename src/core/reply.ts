/**
 * The platform-neutral reply every handler returns. Adapters render it: a Discord embed with
 * components, Slack Block Kit, or console text. Text uses a small markdown subset (**bold**,
 * *italic*, `code`, "- " bullets) that every adapter can translate.
 */

export type Tone = 'info' | 'success' | 'warning' | 'error';
export type ButtonStyle = 'primary' | 'secondary' | 'success' | 'danger';

/**
 * A command's action plus its arguments, carried by a button or a prompt. Commands build them with
 * typed builders (commands/*.actions.ts); each adapter encodes them for its own wire
 * (src/adapters/shared/action-codec.ts), so core knows no wire format and no platform limit.
 */
export interface ActionRef {
  name: string;
  args: string[];
}

export interface ReplyButton {
  label: string;
  action: ActionRef;
  style?: ButtonStyle | undefined;
  disabled?: boolean | undefined;
}

export interface ReplyField {
  name: string;
  value: string;
  inline?: boolean | undefined;
}

/**
 * A file sent with a message (a PNG picture). Adapters attach it the platform's way; a platform
 * that cannot (a missing Slack scope) still has the message's text, which says the same in words.
 */
export interface ReplyAttachment {
  /** File name with its extension, e.g. "stats.png"; [a-z0-9.-] only. */
  name: string;
  /** A picture (shown with the text) or a document (a pack's file, given back to download). */
  mime: 'image/png' | 'application/yaml' | 'application/json';
  data: Uint8Array;
  /** What the file holds, for screen readers and platforms that show no images. */
  alt: string;
}

/** Pictures are shown with the message; other files are attached to be downloaded. */
export const isPicture = (a: ReplyAttachment): boolean => a.mime.startsWith('image/');

export interface MessageReply {
  type: 'message';
  title?: string | undefined;
  text?: string | undefined;
  fields?: ReplyField[] | undefined;
  /** Rows of buttons. */
  buttons?: ReplyButton[][] | undefined;
  footer?: string | undefined;
  /** Pictures that go with the text; the text alone still tells the whole story. */
  attachments?: ReplyAttachment[] | undefined;
  tone?: Tone | undefined;
  /** Only the asking user sees it. */
  ephemeral: boolean;
  /** Replace the message the action came from, instead of sending a new one. */
  update: boolean;
}

/** Ask the user for free text (a Discord/Slack modal, the next console line). */
export interface PromptReply {
  type: 'prompt';
  /** Where the submitted text goes. */
  action: ActionRef;
  title: string;
  label: string;
  placeholder?: string | undefined;
  minLength: number;
  maxLength: number;
  multiline: boolean;
}

export type Reply = MessageReply | PromptReply;

export function message(partial: Omit<MessageReply, 'type' | 'ephemeral' | 'update'> & Partial<Pick<MessageReply, 'ephemeral' | 'update'>>): MessageReply {
  return { type: 'message', ephemeral: false, update: false, ...partial };
}

/**
 * The platform-neutral reply every handler returns. Adapters render it: a Discord embed with
 * components, Slack Block Kit, or console text. Text uses a small markdown subset (**bold**,
 * *italic*, `code`, "- " bullets) that every adapter can translate.
 */

export type Tone = 'info' | 'success' | 'warning' | 'error';
export type ButtonStyle = 'primary' | 'secondary' | 'success' | 'danger';

/** A reference to a handler plus its arguments, carried by a button (custom_id / action value). */
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

export interface MessageReply {
  type: 'message';
  title?: string | undefined;
  text?: string | undefined;
  fields?: ReplyField[] | undefined;
  /** Rows of buttons. */
  buttons?: ReplyButton[][] | undefined;
  footer?: string | undefined;
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

const PREFIX = 'bp1';
const SEP = '|';
/** Discord's custom_id limit; Slack's action values are longer, so this is the binding one. */
export const MAX_ACTION_LENGTH = 100;

export function encodeAction(a: ActionRef): string {
  for (const part of [a.name, ...a.args]) {
    if (part.includes(SEP)) throw new Error(`action part "${part}" contains "${SEP}"`);
  }
  const s = [PREFIX, a.name, ...a.args].join(SEP);
  if (s.length > MAX_ACTION_LENGTH) throw new Error(`action "${s}" exceeds ${MAX_ACTION_LENGTH} characters`);
  return s;
}

/** Null for ids that are not ours (another bot's component, a tampered value). */
export function decodeAction(s: string): ActionRef | null {
  const [prefix, name, ...args] = s.split(SEP);
  if (prefix !== PREFIX || !name) return null;
  return { name, args };
}

import type { ActionRef, PromptReply } from '../../core/reply.js';
import { toPlain, truncate } from './mrkdwn.js';
import { parseOrigin, type Origin, type ViewSubmission } from './payloads.js';
import { plain, slackActions } from './render-blocks.js';

/**
 * PromptReply -> a modal with one text input. The modal's private_metadata carries the encoded
 * action and where the answer's result goes (the message the button was on), so a submission
 * needs no server-side state and works on any replica, after any restart.
 */

export const PROMPT_CALLBACK_ID = 'bp_prompt';
export const INPUT_BLOCK_ID = 'answer';
const INPUT_ACTION_ID = 'text';

/** Slack's limits for modals and plain_text_input. */
export const MODAL_LIMITS = { title: 24, button: 24, label: 2000, placeholder: 150, inputMax: 3000, metadata: 3000 } as const;

interface Metadata {
  /** The encoded action the text goes to. */
  a: string;
  /** Where the result is delivered. */
  o: Origin;
}

export interface PromptView {
  type: 'modal';
  callback_id: string;
  title: { type: 'plain_text'; text: string; emoji?: boolean };
  submit: { type: 'plain_text'; text: string; emoji?: boolean };
  close: { type: 'plain_text'; text: string; emoji?: boolean };
  private_metadata: string;
  blocks: {
    type: 'input';
    block_id: string;
    /** An input that may be left empty (a report's optional sentence). */
    optional?: boolean;
    label: { type: 'plain_text'; text: string; emoji?: boolean };
    element: {
      type: 'plain_text_input';
      action_id: string;
      multiline: boolean;
      min_length: number;
      max_length: number;
      placeholder?: { type: 'plain_text'; text: string; emoji?: boolean };
    };
  }[];
}

function encodeMetadata(action: string, origin: Origin): string {
  const full = JSON.stringify({ a: action, o: origin } satisfies Metadata);
  if (full.length <= MODAL_LIMITS.metadata) return full;
  // A response_url is the only long part; without it the result is sent as a direct message.
  return JSON.stringify({ a: action, o: { kind: 'home' } } satisfies Metadata);
}

export function promptView(reply: PromptReply, origin: Origin): PromptView {
  // The core allows longer answers (4000) than Slack's plain_text_input does (3000).
  const max = Math.max(1, Math.min(reply.maxLength, MODAL_LIMITS.inputMax));
  return {
    type: 'modal',
    callback_id: PROMPT_CALLBACK_ID,
    title: plain(truncate(toPlain(reply.title), MODAL_LIMITS.title)),
    submit: plain('Submit'),
    close: plain('Cancel'),
    private_metadata: encodeMetadata(slackActions.encode(reply.action), origin),
    blocks: [
      {
        type: 'input',
        block_id: INPUT_BLOCK_ID,
        ...(reply.minLength === 0 ? { optional: true } : {}),
        label: plain(truncate(toPlain(reply.label), MODAL_LIMITS.label)),
        element: {
          type: 'plain_text_input',
          action_id: INPUT_ACTION_ID,
          multiline: reply.multiline,
          min_length: Math.min(Math.max(0, reply.minLength), max),
          max_length: max,
          ...(reply.placeholder ? { placeholder: plain(truncate(toPlain(reply.placeholder), MODAL_LIMITS.placeholder)) } : {}),
        },
      },
    ],
  };
}

export interface PromptSubmission {
  /** Null when the metadata's action does not decode. */
  action: ActionRef | null;
  origin: Origin;
  text: string;
}

/** Null for a submission that is not one of our prompts or whose metadata does not parse. */
export function readSubmission(s: ViewSubmission): PromptSubmission | null {
  if (s.callbackId !== PROMPT_CALLBACK_ID) return null;
  let meta: unknown;
  try {
    meta = JSON.parse(s.privateMetadata);
  } catch {
    return null;
  }
  const m = typeof meta === 'object' && meta !== null ? (meta as Record<string, unknown>) : {};
  const origin = parseOrigin(m['o']);
  if (typeof m['a'] !== 'string' || !origin) return null;
  return { action: slackActions.decode(m['a']), origin, text: s.values[INPUT_BLOCK_ID]?.[INPUT_ACTION_ID] ?? '' };
}

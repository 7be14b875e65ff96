import {
  ButtonStyle,
  ComponentType,
  TextInputStyle,
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIEmbed,
  type APIEmbedField,
  type APIModalInteractionResponseCallbackData,
} from 'discord.js';
import type { MessageReply, PromptReply, ReplyButton, Tone } from '../../core/reply.js';
import { createActionCodec } from '../shared/action-codec.js';
import { NO_MENTIONS } from './mentions.js';
import { splitText, truncate } from './text.js';

/** Discord's documented message limits; a reply is fitted into them, never rejected for them. */
export const LIMITS = {
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  /** Title, description, field names and values, and footer of all embeds together. */
  total: 6000,
  buttonsPerRow: 5,
  rows: 5,
  buttonLabel: 80,
  modalTitle: 45,
  inputLabel: 45,
  inputPlaceholder: 100,
  inputLength: 4000,
  /** A component's or modal's custom_id, which carries the encoded action. */
  customId: 100,
} as const;

/** Buttons and modals carry their action in custom_id. */
export const discordActions = createActionCodec(LIMITS.customId);

/** A blank that Discord accepts where a name or value must not be empty. */
const BLANK = '\u200b';
const MIN_FIELD_ROOM = 40;

export const TONE_COLOURS: Record<Tone, number> = {
  info: 0x5865f2,
  success: 0x57f287,
  warning: 0xfee75c,
  error: 0xed4245,
};

const BUTTON_STYLES = {
  primary: ButtonStyle.Primary,
  secondary: ButtonStyle.Secondary,
  success: ButtonStyle.Success,
  danger: ButtonStyle.Danger,
} as const;

export type ButtonRow = APIActionRowComponent<APIButtonComponentWithCustomId>;

/** The message body every send, reply and edit uses. */
export interface RenderedMessage {
  embeds: APIEmbed[];
  components: ButtonRow[];
}

/** The custom id of the one text input a prompt's modal holds. */
export const PROMPT_INPUT_ID = 'text';

/** A message exactly as posted or edited through REST: rendered, and unable to ping anyone. */
export function messageBody(reply: MessageReply): RenderedMessage & { allowed_mentions: typeof NO_MENTIONS } {
  // Object.assign onto the fresh body, not a spread followed by a property (microseconds in V8).
  return Object.assign(renderMessage(reply), { allowed_mentions: NO_MENTIONS });
}

export function renderMessage(reply: MessageReply): RenderedMessage {
  return { embeds: [renderEmbed(reply)], components: renderButtons(reply.buttons ?? []) };
}

export function renderEmbed(reply: MessageReply): APIEmbed {
  const title = reply.title ? truncate(reply.title, LIMITS.title) : undefined;
  const footer = reply.footer ? truncate(reply.footer, LIMITS.footer) : undefined;
  let budget = LIMITS.total - (title?.length ?? 0) - (footer?.length ?? 0);

  const description = reply.text?.trim() ? truncate(reply.text.trim(), Math.min(LIMITS.description, budget)) : undefined;
  budget -= description?.length ?? 0;

  const fields: APIEmbedField[] = [];
  for (const field of splitFields(reply.fields ?? [])) {
    const room = budget - field.name.length;
    // A sliver of a field says nothing: mark the cut on the previous one instead.
    if (fields.length === LIMITS.fields || room < Math.min(field.value.length, MIN_FIELD_ROOM)) {
      markCut(fields);
      break;
    }
    const value = truncate(field.value, room);
    fields.push(Object.assign({}, field, { value }));
    budget -= field.name.length + value.length;
    if (value.length < field.value.length) break;
  }

  const embed: APIEmbed = { color: TONE_COLOURS[reply.tone ?? 'info'] };
  if (title) embed.title = title;
  if (description) embed.description = description;
  if (fields.length > 0) embed.fields = fields;
  if (footer) embed.footer = { text: footer };
  // Discord rejects an embed with nothing to show.
  if (!title && !description && fields.length === 0) embed.description = BLANK;
  return embed;
}

/** Long values continue in further fields under a blank name, so the text reads on. */
function splitFields(fields: NonNullable<MessageReply['fields']>): APIEmbedField[] {
  return fields.flatMap((f) => {
    const name = truncate(f.name.trim(), LIMITS.fieldName) || BLANK;
    const chunks = splitText(f.value.trim(), LIMITS.fieldValue);
    if (chunks.length === 0) return [{ name, value: BLANK, inline: Boolean(f.inline) }];
    return chunks.map((value, i) => ({ name: i === 0 ? name : BLANK, value, inline: chunks.length === 1 && Boolean(f.inline) }));
  });
}

/** Shows that fields were left out for space. */
function markCut(fields: APIEmbedField[]): void {
  const last = fields[fields.length - 1];
  if (last && !last.value.endsWith('…')) last.value = `${last.value.slice(0, -1).trimEnd()}…`;
}

/** Rows of at most five buttons, at most five rows; a longer row wraps onto the next. */
export function renderButtons(rows: readonly ReplyButton[][]): ButtonRow[] {
  return rows
    .flatMap((row) => chunk(row, LIMITS.buttonsPerRow))
    .filter((row) => row.length > 0)
    .slice(0, LIMITS.rows)
    .map((row) => ({
      type: ComponentType.ActionRow,
      components: row.map((b) => ({
        type: ComponentType.Button,
        custom_id: discordActions.encode(b.action),
        label: truncate(b.label, LIMITS.buttonLabel),
        style: BUTTON_STYLES[b.style ?? 'secondary'],
        disabled: Boolean(b.disabled),
      })),
    }));
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** A prompt becomes a modal with one labelled text input; the submission carries the prompt's action. */
export function renderModal(prompt: PromptReply): APIModalInteractionResponseCallbackData {
  const maxLength = Math.max(1, Math.min(prompt.maxLength, LIMITS.inputLength));
  const minLength = Math.max(0, Math.min(prompt.minLength, maxLength));
  return {
    custom_id: discordActions.encode(prompt.action),
    title: truncate(prompt.title, LIMITS.modalTitle),
    components: [
      {
        type: ComponentType.Label,
        label: truncate(prompt.label, LIMITS.inputLabel),
        component: {
          type: ComponentType.TextInput,
          custom_id: PROMPT_INPUT_ID,
          style: prompt.multiline ? TextInputStyle.Paragraph : TextInputStyle.Short,
          min_length: minLength,
          max_length: maxLength,
          required: minLength > 0,
          ...(prompt.placeholder ? { placeholder: truncate(prompt.placeholder, LIMITS.inputPlaceholder) } : {}),
        },
      },
    ],
  };
}

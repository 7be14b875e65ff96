import {
  InteractionResponseType,
  MessageFlags,
  type APIApplicationCommand,
  type APIApplicationCommandOptionChoice,
  type APIInteraction,
  type APIMessage,
  type APIModalInteractionResponseCallbackData,
  type APIUser,
} from 'discord-api-types/v10';
import { aMessage, snowflake } from './payloads.js';

/** Discord's first-response deadline; a callback after it gets "Unknown interaction". */
export const RESPONSE_DEADLINE_MS = 3000;

/** One interaction and everything the bot did with it. */
export interface InteractionRecord {
  id: string;
  token: string;
  payload: APIInteraction;
  dispatchedAt: number;
  callbacks: { type: InteractionResponseType; data: unknown; at: number }[];
  /** The message the interaction's response lives in: its own reply, or the message a button was on. */
  originalId?: string | undefined;
  followUpIds: string[];
  modal?: APIModalInteractionResponseCallbackData | undefined;
  choices?: APIApplicationCommandOptionChoice[] | undefined;
  /** Set when Discord would have shown "This interaction failed". */
  failed?: string | undefined;
  /** A deferred reply not yet edited ("Backprop is thinking…"). */
  loading: boolean;
  /** Edits of the response through the interaction webhook. */
  edits: number;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly errors?: unknown,
  ) {
    super(message);
  }
}

type MessageData = Partial<Pick<APIMessage, 'content' | 'embeds' | 'components' | 'flags' | 'attachments'>>;

/** Messages, interactions and registered commands: the part of Discord the bot changes. */
export class FakeDiscordState {
  readonly messages = new Map<string, APIMessage>();
  readonly interactions = new Map<string, InteractionRecord>();
  /** Registered commands by scope: "global" or a guild id. */
  readonly commands = new Map<string, APIApplicationCommand[]>();
  private readonly listeners = new Set<() => void>();

  constructor(
    readonly applicationId: string,
    readonly botUser: APIUser,
  ) {}

  onChange(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  changed(): void {
    for (const fn of [...this.listeners]) fn();
  }

  addInteraction(payload: APIInteraction): InteractionRecord {
    const record: InteractionRecord = { id: payload.id, token: payload.token, payload, dispatchedAt: Date.now(), callbacks: [], followUpIds: [], loading: false, edits: 0 };
    this.interactions.set(payload.token, record);
    return record;
  }

  private createMessage(channelId: string, data: MessageData, webhook: boolean): APIMessage {
    const message = aMessage({ id: snowflake(), channelId, author: this.botUser, applicationId: this.applicationId, webhook, data });
    this.messages.set(message.id, message);
    return message;
  }

  private editMessage(id: string, data: MessageData): APIMessage {
    const current = this.messages.get(id);
    if (!current) throw new ApiError(404, 10008, 'Unknown Message');
    const next: APIMessage = { ...current, edited_timestamp: new Date().toISOString() };
    if (data.content !== undefined) next.content = data.content;
    if (data.embeds !== undefined) next.embeds = data.embeds;
    if (data.components !== undefined) next.components = data.components;
    if (data.attachments !== undefined) next.attachments = data.attachments;
    if (data.flags !== undefined) next.flags = ((current.flags ?? 0) & MessageFlags.Ephemeral) | (data.flags & ~MessageFlags.Ephemeral);
    this.messages.set(id, next);
    return next;
  }

  private channelOf(record: InteractionRecord): string {
    return record.payload.channel?.id ?? record.payload.channel_id ?? 'unknown';
  }

  /** POST /interactions/{id}/{token}/callback */
  callback(id: string, token: string, body: { type: InteractionResponseType; data?: unknown }): void {
    const record = this.interactions.get(token);
    if (!record || record.id !== id) throw new ApiError(404, 10062, 'Unknown interaction');
    if (Date.now() - record.dispatchedAt > RESPONSE_DEADLINE_MS) {
      record.failed = 'This interaction failed (no response within 3 seconds)';
      this.changed();
      throw new ApiError(404, 10062, 'Unknown interaction');
    }
    if (record.callbacks.length > 0) throw new ApiError(400, 40060, 'Interaction has already been acknowledged.');
    record.callbacks.push({ type: body.type, data: body.data, at: Date.now() });
    const data = (body.data ?? {}) as MessageData;
    const componentMessage = 'message' in record.payload ? record.payload.message?.id : undefined;
    switch (body.type) {
      case InteractionResponseType.ChannelMessageWithSource:
        record.originalId = this.createMessage(this.channelOf(record), data, true).id;
        break;
      case InteractionResponseType.DeferredChannelMessageWithSource:
        record.originalId = this.createMessage(this.channelOf(record), { ...data, flags: ((data.flags ?? 0) | MessageFlags.Loading) }, true).id;
        record.loading = true;
        break;
      case InteractionResponseType.DeferredMessageUpdate:
      case InteractionResponseType.UpdateMessage:
        if (!componentMessage) throw new ApiError(400, 40060, 'Interaction has no message to update');
        record.originalId = componentMessage;
        if (body.type === InteractionResponseType.UpdateMessage) this.editMessage(componentMessage, data);
        break;
      case InteractionResponseType.Modal:
        record.modal = body.data as APIModalInteractionResponseCallbackData;
        break;
      case InteractionResponseType.ApplicationCommandAutocompleteResult:
        record.choices = (body.data as { choices: APIApplicationCommandOptionChoice[] }).choices;
        break;
      default:
        throw new ApiError(400, 50035, `Unsupported callback type ${body.type}`);
    }
    this.changed();
  }

  private acknowledged(token: string): InteractionRecord {
    const record = this.interactions.get(token);
    if (!record || record.callbacks.length === 0 || record.failed) throw new ApiError(404, 10015, 'Unknown Webhook');
    return record;
  }

  private resolveMessageId(record: InteractionRecord, messageId: string): string {
    const id = messageId === '@original' ? record.originalId : messageId;
    if (!id || (id !== record.originalId && !record.followUpIds.includes(id))) throw new ApiError(404, 10008, 'Unknown Message');
    return id;
  }

  /** PATCH /webhooks/{app}/{token}/messages/{id|@original} */
  editWebhookMessage(token: string, messageId: string, data: MessageData): APIMessage {
    const record = this.acknowledged(token);
    const id = this.resolveMessageId(record, messageId);
    const flags = id === record.originalId && record.loading ? ((this.messages.get(id)?.flags ?? 0) & ~MessageFlags.Loading) as MessageFlags : undefined;
    if (id === record.originalId) record.loading = false;
    record.edits++;
    const message = this.editMessage(id, { ...data, ...(flags !== undefined ? { flags } : {}) });
    this.changed();
    return message;
  }

  getWebhookMessage(token: string, messageId: string): APIMessage {
    const record = this.acknowledged(token);
    const message = this.messages.get(this.resolveMessageId(record, messageId));
    if (!message) throw new ApiError(404, 10008, 'Unknown Message');
    return message;
  }

  deleteWebhookMessage(token: string, messageId: string): void {
    const record = this.acknowledged(token);
    this.messages.delete(this.resolveMessageId(record, messageId));
    this.changed();
  }

  /**
   * POST /webhooks/{app}/{token}. As on Discord, the first follow-up after a deferred reply that
   * is still loading edits that reply (keeping its ephemeral flag) instead of sending a new message.
   */
  followUp(token: string, data: MessageData): APIMessage {
    const record = this.acknowledged(token);
    if (record.loading && record.originalId) return this.editWebhookMessage(token, '@original', data);
    const message = this.createMessage(this.channelOf(record), data, true);
    record.followUpIds.push(message.id);
    this.changed();
    return message;
  }

  /** POST /channels/{id}/messages */
  postChannelMessage(channelId: string, data: MessageData): APIMessage {
    const message = this.createMessage(channelId, data, false);
    this.changed();
    return message;
  }

  editChannelMessage(channelId: string, messageId: string, data: MessageData): APIMessage {
    if (this.messages.get(messageId)?.channel_id !== channelId) throw new ApiError(404, 10008, 'Unknown Message');
    const message = this.editMessage(messageId, data);
    this.changed();
    return message;
  }

  /**
   * PUT (bulk overwrite): a command whose name is unchanged keeps its id, and its version
   * changes only when its definition did; commands left out are deleted.
   */
  overwriteCommands(scope: string, guildId: string | undefined, body: Record<string, unknown>[]): APIApplicationCommand[] {
    const before = this.commands.get(scope) ?? [];
    const next = body.map((def) => {
      const old = before.find((c) => c.name === def['name'] && (c.type ?? 1) === (def['type'] ?? 1));
      const normalized = { ...def, default_member_permissions: def['default_member_permissions'] ?? null };
      const same = old && JSON.stringify(definitionOf(old)) === JSON.stringify(normalized);
      return {
        ...normalized,
        id: old?.id ?? snowflake(),
        application_id: this.applicationId,
        version: same ? old.version : snowflake(),
        ...(guildId ? { guild_id: guildId } : {}),
      } as unknown as APIApplicationCommand;
    });
    this.commands.set(scope, next);
    this.changed();
    return next;
  }
}

/** A stored command without the fields Discord adds, to compare with a new definition. */
function definitionOf(c: APIApplicationCommand): Record<string, unknown> {
  const { id: _id, application_id: _app, version: _version, guild_id: _guild, ...definition } = c as APIApplicationCommand & { guild_id?: string };
  return definition;
}

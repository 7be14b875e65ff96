import {
  ApplicationCommandOptionType,
  ComponentType,
  InteractionType,
  PermissionFlagsBits,
  type APIApplicationCommand,
  type APIAttachment,
  type APIApplicationCommandInteractionDataBasicOption,
  type APIApplicationCommandInteractionDataOption,
  type APIApplicationCommandOption,
  type APIButtonComponentWithCustomId,
  type APIGuildMember,
  type APIInteraction,
  type APIInteractionDataResolved,
  type APIMessage,
  type APIRole,
  type APITextChannel,
  type APIUser,
} from 'discord-api-types/v10';
import { FakeGateway, shardOf } from './gateway-server.js';
import {
  ADMIN_PERMISSIONS,
  aGuildMember,
  aRole,
  aTextChannel,
  aUser,
  anInteractionMember,
  interactionBase,
  MEMBER_PERMISSIONS,
  snowflake,
  type GuildSpec,
  type InteractionPlace,
} from './payloads.js';
import { FakeRest } from './rest-server.js';
import { FakeDiscordState } from './state.js';
import { InteractionHandle } from './interaction-handle.js';

/** Someone who uses the bot: a member of the fake guild, or a user in a DM with the bot. */
export interface Actor {
  user: APIUser;
  /** Null for a DM user. */
  member: (APIGuildMember & { user: APIUser }) | null;
  permissions: bigint;
}

export type OptionInput = Record<string, string | number | boolean>;

export interface FakeDiscordOptions {
  heartbeatIntervalMs?: number;
  /** The shard count GET /gateway/bot recommends (1 by default). */
  shards?: number;
  /** Gives the guild an id that this shard serves, of `shards`. */
  guildShard?: number;
  /** More text channels the bot may post in, beside #general (e.g. for daily fan-outs). */
  extraChannels?: number;
  /** Enforces Discord's global rate limit on the bot's REST requests (Discord's is 50 per second). */
  globalPerSecond?: number;
}

/**
 * A small Discord on loopback: REST (v10) and gateway, one guild with #general and a #locked
 * channel the bot may not post in, and helpers that act as members: run a slash command (typed
 * by the commands the bot registered), click a button, submit a modal, type for autocomplete.
 * Ephemeral messages are not hidden from other members here, so tests can prove the bot's own
 * ownership checks.
 */
export class FakeDiscord {
  readonly token = `fake.${snowflake()}.token`;
  readonly applicationId = snowflake();
  readonly botUser = aUser(this.applicationId, 'Backprop', { bot: true });
  readonly guildId: string;
  readonly ownerId = snowflake();
  readonly adminRoleId = snowflake();
  readonly botRoleId = snowflake();
  readonly general: APITextChannel;
  readonly locked: APITextChannel;
  /** `extraChannels` more text channels, #fan-0, #fan-1, … */
  readonly extraChannels: APITextChannel[];
  readonly state: FakeDiscordState;
  readonly rest: FakeRest;
  readonly gateway: FakeGateway;
  private readonly roles: APIRole[];
  private readonly members = new Map<string, APIGuildMember & { user: APIUser }>();
  /** DM channel ids the bot opened, by user id. */
  readonly dms = new Map<string, string>();

  private constructor(opts: FakeDiscordOptions) {
    const shards = opts.shards ?? 1;
    let guildId = snowflake();
    while (opts.guildShard !== undefined && shardOf(guildId, shards) !== opts.guildShard) guildId = snowflake();
    this.guildId = guildId;
    this.general = aTextChannel(this.guildId, { id: snowflake(), name: 'general' }, 0);
    this.locked = aTextChannel(this.guildId, { id: snowflake(), name: 'announcements', deny: PermissionFlagsBits.SendMessages }, 1);
    this.extraChannels = Array.from({ length: opts.extraChannels ?? 0 }, (_, i) => aTextChannel(this.guildId, { id: snowflake(), name: `fan-${i}` }, 2 + i));
    const channels = new Map([this.general, this.locked, ...this.extraChannels].map((c) => [c.id, c]));
    this.roles = [
      aRole(this.guildId, '@everyone', MEMBER_PERMISSIONS, 0),
      aRole(this.adminRoleId, 'Admins', ADMIN_PERMISSIONS, 2),
      aRole(this.botRoleId, 'Backprop', MEMBER_PERMISSIONS, 1),
    ];
    this.members.set(this.botUser.id, aGuildMember(this.botUser, [this.botRoleId]));
    this.state = new FakeDiscordState(this.applicationId, this.botUser);
    this.gateway = new FakeGateway({
      token: this.token,
      botUser: this.botUser,
      applicationId: this.applicationId,
      guilds: () => [this.guildSpec()],
      heartbeatIntervalMs: opts.heartbeatIntervalMs ?? 1000,
    });
    this.rest = new FakeRest(this.state, {
      token: this.token,
      gatewayUrl: () => this.gateway.url,
      shards,
      channel: (id) => channels.get(id),
      globalPerSecond: opts.globalPerSecond,
      member: (guildId, userId) => (guildId === this.guildId ? this.members.get(userId) : undefined),
      openDm: (userId) => {
        if (!this.members.has(userId) || userId === this.botUser.id) return undefined;
        if (!this.dms.has(userId)) this.dms.set(userId, snowflake());
        return this.dms.get(userId);
      },
      isDm: (channelId) => [...this.dms.values()].includes(channelId),
    });
  }

  static async start(opts: FakeDiscordOptions = {}): Promise<FakeDiscord> {
    const fake = new FakeDiscord(opts);
    await Promise.all([fake.rest.start(), fake.gateway.start()]);
    return fake;
  }

  async stop(): Promise<void> {
    await Promise.all([this.rest.stop(), this.gateway.stop()]);
  }

  /** DISCORD_API_BASE for the bot: loopback, without the version. */
  get apiBase(): string {
    return this.rest.apiBase;
  }

  guildSpec(): GuildSpec {
    // Discord sends the bot's own member in GUILD_CREATE (not the others without the members intent).
    return { id: this.guildId, name: 'Deep Learning Club', ownerId: this.ownerId, roles: this.roles, channels: [this.general, this.locked, ...this.extraChannels], members: [this.members.get(this.botUser.id)!] };
  }

  member(name: string, opts: { admin?: boolean; nick?: string } = {}): Actor {
    const user = aUser(snowflake(), name.toLowerCase().replace(/\W/g, ''), { global_name: name });
    const member = aGuildMember(user, opts.admin ? [this.adminRoleId] : [], opts.nick ?? null) as APIGuildMember & { user: APIUser };
    this.members.set(user.id, member);
    return { user, member, permissions: opts.admin ? ADMIN_PERMISSIONS : MEMBER_PERMISSIONS };
  }

  dmUser(name: string): Actor {
    return { user: aUser(snowflake(), name.toLowerCase(), { global_name: name }), member: null, permissions: 0n };
  }

  private place(actor: Actor, channel: APITextChannel = this.general): InteractionPlace {
    if (!actor.member) return { kind: 'dm', user: actor.user, channelId: `dm-${actor.user.id}` };
    return { kind: 'guild', guildId: this.guildId, channel, member: anInteractionMember(actor.member, actor.permissions), appPermissions: MEMBER_PERMISSIONS };
  }

  /** Sends an interaction to the bot through the gateway. */
  interact(payload: APIInteraction): InteractionHandle {
    const record = this.state.addInteraction(payload);
    this.gateway.dispatch('INTERACTION_CREATE', payload, payload.guild_id);
    return new InteractionHandle(record, this.state);
  }

  registeredCommands(): APIApplicationCommand[] {
    return [...(this.state.commands.get(this.guildId) ?? []), ...(this.state.commands.get('global') ?? [])];
  }

  private command(name: string): APIApplicationCommand {
    const cmd = this.registeredCommands().find((c) => c.name === name);
    if (!cmd) throw new Error(`/${name} is not registered: the member's client would not offer it (deploy first)`);
    return cmd;
  }

  /** Options as the Discord client builds them from the registered command, refusing what it would refuse. */
  private options(cmd: APIApplicationCommand, input: { subcommand?: string; options?: OptionInput }, focused?: string) {
    let defs: APIApplicationCommandOption[] = cmd.options ?? [];
    const resolved: APIInteractionDataResolved = {};
    const built: APIApplicationCommandInteractionDataBasicOption[] = [];
    if (input.subcommand) {
      const sub = defs.find((d) => d.name === input.subcommand && d.type === ApplicationCommandOptionType.Subcommand);
      if (!sub || sub.type !== ApplicationCommandOptionType.Subcommand) throw new Error(`/${cmd.name} has no subcommand ${input.subcommand}`);
      defs = sub.options ?? [];
    }
    for (const [name, value] of Object.entries(input.options ?? {})) {
      const def = defs.find((d) => d.name === name);
      if (!def) throw new Error(`/${cmd.name} has no option ${name}`);
      built.push(this.optionValue(def, value, resolved, name === focused));
    }
    for (const def of defs) {
      if ('required' in def && def.required && !(def.name in (input.options ?? {})) && !focused) throw new Error(`/${cmd.name} needs option ${def.name}`);
    }
    const options: APIApplicationCommandInteractionDataOption[] = input.subcommand
      ? [{ type: ApplicationCommandOptionType.Subcommand, name: input.subcommand, options: built }]
      : built;
    return { options, resolved };
  }

  private optionValue(def: APIApplicationCommandOption, value: string | number | boolean, resolved: APIInteractionDataResolved, focused: boolean): APIApplicationCommandInteractionDataBasicOption {
    const fail = () => new Error(`option ${def.name}: the Discord client would not accept ${JSON.stringify(value)}`);
    switch (def.type) {
      case ApplicationCommandOptionType.String: {
        if (typeof value !== 'string') throw fail();
        if (!focused && def.choices && !def.choices.some((c) => c.value === value)) throw fail();
        return { type: def.type, name: def.name, value, ...(focused ? { focused } : {}) };
      }
      case ApplicationCommandOptionType.Integer:
        if (typeof value !== 'number' || !Number.isInteger(value)) throw fail();
        if ((def.min_value !== undefined && value < def.min_value) || (def.max_value !== undefined && value > def.max_value)) throw fail();
        return { type: def.type, name: def.name, value };
      case ApplicationCommandOptionType.Boolean:
        if (typeof value !== 'boolean') throw fail();
        return { type: def.type, name: def.name, value };
      case ApplicationCommandOptionType.User: {
        const member = this.members.get(String(value));
        if (!member) throw fail();
        resolved.users = { ...resolved.users, [member.user.id]: member.user };
        const { user: _user, ...rest } = member;
        resolved.members = { ...resolved.members, [member.user.id]: { ...rest, permissions: String(MEMBER_PERMISSIONS) } };
        return { type: def.type, name: def.name, value: member.user.id };
      }
      case ApplicationCommandOptionType.Channel: {
        const channel = [this.general, this.locked].find((c) => c.id === value);
        if (!channel) throw fail();
        resolved.channels = { ...resolved.channels, [channel.id]: { id: channel.id, name: channel.name, type: channel.type, permissions: String(MEMBER_PERMISSIONS) } };
        return { type: def.type, name: def.name, value: channel.id };
      }
      case ApplicationCommandOptionType.Attachment: {
        // The value names a file attach() uploaded, as the client uploads it before sending.
        const file = this.attachments.get(String(value));
        if (!file) throw fail();
        resolved.attachments = { ...resolved.attachments, [file.id]: file };
        return { type: def.type, name: def.name, value: file.id };
      }
      default:
        throw fail();
    }
  }

  private readonly attachments = new Map<string, APIAttachment>();

  /** A member uploads a file for an attachment option: pass the returned id as the option's value. */
  attach(filename: string, content: string | Buffer): string {
    const body = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    const id = snowflake();
    const url = this.rest.hostFile(id, filename, body);
    this.attachments.set(id, { id, filename, size: body.length, url, proxy_url: url, content_type: 'text/plain; charset=utf-8' });
    return id;
  }

  /** A member runs a slash command. */
  slash(actor: Actor, name: string, input: { subcommand?: string; options?: OptionInput } = {}, channel?: APITextChannel): InteractionHandle {
    const cmd = this.command(name);
    const { options, resolved } = this.options(cmd, input);
    const id = snowflake();
    return this.interact({
      ...interactionBase(this.place(actor, channel), this.applicationId, id, `tok-${id}`),
      type: InteractionType.ApplicationCommand,
      data: {
        id: cmd.id,
        name: cmd.name,
        type: 1,
        options,
        ...(Object.keys(resolved).length > 0 ? { resolved } : {}),
        ...(cmd.guild_id ? { guild_id: cmd.guild_id } : {}),
      },
    });
  }

  /** A member types into an autocompleted option. */
  autocomplete(actor: Actor, name: string, option: string, partial: string, input: { subcommand?: string; options?: OptionInput } = {}): InteractionHandle {
    const cmd = this.command(name);
    const { options } = this.options(cmd, { ...input, options: { ...input.options, [option]: partial } }, option);
    const id = snowflake();
    return this.interact({
      ...interactionBase(this.place(actor), this.applicationId, id, `tok-${id}`),
      type: InteractionType.ApplicationCommandAutocomplete,
      data: { id: cmd.id, name: cmd.name, type: 1, options },
    });
  }

  /** A member clicks a button (by label or custom_id) on a message as it is now. */
  click(actor: Actor, message: APIMessage | undefined, button: string): InteractionHandle {
    const current = message && this.state.messages.get(message.id);
    if (!current) throw new Error('no such message');
    return this.clickAsSeen(actor, current, button);
  }

  /** A click on a message as the member's client last showed it (a stale view, or a second device). */
  clickAsSeen(actor: Actor, current: APIMessage, button: string): InteractionHandle {
    const buttons: APIButtonComponentWithCustomId[] = [];
    for (const row of current.components ?? []) {
      if (row.type !== ComponentType.ActionRow) continue;
      for (const c of row.components) if (c.type === ComponentType.Button && 'custom_id' in c) buttons.push(c);
    }
    const found = buttons.find((b) => b.label === button || b.custom_id === button);
    if (!found) throw new Error(`no button "${button}" on the message (buttons: ${buttons.map((b) => b.label).join(', ')})`);
    if (found.disabled) throw new Error(`button "${button}" is disabled: the Discord client would not send the click`);
    const id = snowflake();
    return this.interact({
      ...interactionBase(this.place(actor), this.applicationId, id, `tok-${id}`),
      type: InteractionType.MessageComponent,
      message: current,
      data: { custom_id: found.custom_id, component_type: ComponentType.Button },
    });
  }

  /** A member fills in and submits the modal the bot opened for an interaction. */
  submitModal(actor: Actor, opened: InteractionHandle, text: string): InteractionHandle {
    const modal = opened.record.modal;
    const label = modal?.components[0];
    if (!modal || !label || label.type !== ComponentType.Label || label.component.type !== ComponentType.TextInput) throw new Error('the bot opened no text modal');
    const input = label.component;
    if ((input.required ?? true) && text.length < Math.max(1, input.min_length ?? 0)) throw new Error('the Discord client requires text in the modal');
    if (text.length > (input.max_length ?? 4000)) throw new Error(`the Discord client stops typing at ${input.max_length} characters`);
    const from = opened.record.payload.type === InteractionType.MessageComponent ? this.state.messages.get(opened.record.payload.message.id) : undefined;
    const id = snowflake();
    return this.interact({
      ...interactionBase(this.place(actor), this.applicationId, id, `tok-${id}`),
      type: InteractionType.ModalSubmit,
      ...(from ? { message: from } : {}),
      data: {
        custom_id: modal.custom_id,
        components: [{ type: ComponentType.Label, id: 1, component: { type: ComponentType.TextInput, id: 2, custom_id: input.custom_id, value: text } }],
      },
    });
  }

  /** Every request body that creates or edits a message, with where it went. */
  messageBodies(): { path: string; body: Record<string, unknown> }[] {
    return this.rest.requests.flatMap((r) => {
      const body = r.body as Record<string, unknown> | undefined;
      if (!body || r.method === 'GET' || r.method === 'PUT') return [];
      if (r.path.endsWith('/callback')) {
        const data = body['data'] as Record<string, unknown> | undefined;
        return (body['type'] === 4 || body['type'] === 7) && data ? [{ path: r.path, body: data }] : [];
      }
      return /^\/(webhooks|channels)\//.test(r.path) ? [{ path: r.path, body }] : [];
    });
  }
}

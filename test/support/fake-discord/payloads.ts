import {
  ApplicationIntegrationType,
  ChannelType,
  GuildDefaultMessageNotifications,
  GuildExplicitContentFilter,
  GuildMFALevel,
  GuildNSFWLevel,
  GuildPremiumTier,
  GuildSystemChannelFlags,
  GuildVerificationLevel,
  InteractionContextType,
  Locale,
  MessageType,
  OverwriteType,
  PermissionFlagsBits,
  type ApplicationFlags,
  type ChannelFlags,
  type GuildMemberFlags,
  type MessageFlags,
  type RoleFlags,
  type APIGuildMember,
  type APIInteractionGuildMember,
  type APIMessage,
  type APIRole,
  type APITextChannel,
  type APIUser,
  type GatewayGuildCreateDispatchData,
  type GatewayReadyDispatchData,
} from 'discord-api-types/v10';

/**
 * Complete Discord payloads, typed by discord-api-types so nothing discord.js reads is missing.
 * Snowflakes are real-looking (timestamp-based), so discord.js can read their dates.
 */

const DISCORD_EPOCH = 1420070400000n;
let counter = 0n;
export function snowflake(): string {
  counter = (counter + 1n) % 4096n;
  return String(((BigInt(Date.now()) - DISCORD_EPOCH) << 22n) | counter);
}

const ALL = (...flags: bigint[]) => flags.reduce((a, b) => a | b, 0n);

/** What @everyone may do in the fake guild: read, write, embed, use commands. */
export const MEMBER_PERMISSIONS = ALL(
  PermissionFlagsBits.ViewChannel,
  PermissionFlagsBits.SendMessages,
  PermissionFlagsBits.EmbedLinks,
  PermissionFlagsBits.ReadMessageHistory,
  PermissionFlagsBits.UseApplicationCommands,
);
export const ADMIN_PERMISSIONS = MEMBER_PERMISSIONS | PermissionFlagsBits.ManageGuild;

export function aUser(id: string, username: string, extra: Partial<APIUser> = {}): APIUser {
  return { id, username, discriminator: '0', global_name: null, avatar: null, ...extra };
}

export function aRole(id: string, name: string, permissions: bigint, position: number): APIRole {
  return {
    id,
    name,
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    position,
    permissions: String(permissions),
    managed: false,
    mentionable: false,
    flags: 0 as RoleFlags,
  };
}

export function aGuildMember(user: APIUser, roles: string[], nick: string | null = null): APIGuildMember {
  return {
    user,
    nick,
    roles,
    joined_at: new Date(0).toISOString(),
    premium_since: null,
    deaf: false,
    mute: false,
    flags: 0 as GuildMemberFlags,
    pending: false,
    communication_disabled_until: null,
    avatar: null,
    banner: null,
  };
}

export function anInteractionMember(member: APIGuildMember & { user: APIUser }, permissions: bigint): APIInteractionGuildMember {
  return { ...member, permissions: String(permissions) };
}

export interface ChannelSpec {
  id: string;
  name: string;
  /** Permissions denied to everyone (for channels the bot must not post in). */
  deny?: bigint;
}

export function aTextChannel(guildId: string, spec: ChannelSpec, position: number): APITextChannel {
  return {
    id: spec.id,
    type: ChannelType.GuildText,
    guild_id: guildId,
    name: spec.name,
    position,
    permission_overwrites: spec.deny ? [{ id: guildId, type: OverwriteType.Role, allow: '0', deny: String(spec.deny) }] : [],
    nsfw: false,
    topic: null,
    last_message_id: null,
    last_pin_timestamp: null,
    rate_limit_per_user: 0,
    parent_id: null,
    default_auto_archive_duration: 1440,
    default_thread_rate_limit_per_user: 0,
    flags: 0 as ChannelFlags,
  };
}

export interface GuildSpec {
  id: string;
  name: string;
  ownerId: string;
  roles: APIRole[];
  channels: APITextChannel[];
  /** Members sent in GUILD_CREATE: Discord always includes the bot's own. */
  members: APIGuildMember[];
}

export function aGuildCreate(g: GuildSpec): GatewayGuildCreateDispatchData {
  return {
    id: g.id,
    name: g.name,
    icon: null,
    icon_hash: null,
    splash: null,
    discovery_splash: null,
    owner_id: g.ownerId,
    afk_channel_id: null,
    afk_timeout: 300,
    widget_enabled: false,
    widget_channel_id: null,
    verification_level: GuildVerificationLevel.None,
    default_message_notifications: GuildDefaultMessageNotifications.OnlyMentions,
    explicit_content_filter: GuildExplicitContentFilter.Disabled,
    roles: g.roles,
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: GuildMFALevel.None,
    application_id: null,
    system_channel_id: null,
    system_channel_flags: GuildSystemChannelFlags.SuppressJoinNotifications,
    rules_channel_id: null,
    max_members: 500000,
    vanity_url_code: null,
    description: null,
    banner: null,
    premium_tier: GuildPremiumTier.None,
    premium_subscription_count: 0,
    preferred_locale: Locale.EnglishUS,
    public_updates_channel_id: null,
    nsfw_level: GuildNSFWLevel.Default,
    premium_progress_bar_enabled: false,
    hub_type: null,
    safety_alerts_channel_id: null,
    incidents_data: null,
    joined_at: new Date(0).toISOString(),
    large: false,
    unavailable: false,
    member_count: g.members.length,
    voice_states: [],
    members: g.members,
    channels: g.channels,
    threads: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

export function aReady(opts: { user: APIUser; applicationId: string; guildIds: string[]; sessionId: string; resumeUrl: string }): GatewayReadyDispatchData {
  return {
    v: 10,
    user: opts.user,
    guilds: opts.guildIds.map((id) => ({ id, unavailable: true })),
    session_id: opts.sessionId,
    resume_gateway_url: opts.resumeUrl,
    shard: [0, 1],
    application: { id: opts.applicationId, flags: 0 as ApplicationFlags, flags_new: '0' },
  };
}

/** Where an interaction happens: a guild channel with its member, or a DM with its user. */
export type InteractionPlace =
  | { kind: 'guild'; guildId: string; channel: APITextChannel; member: APIInteractionGuildMember; appPermissions: bigint }
  | { kind: 'dm'; user: APIUser; channelId: string };

/** The fields every interaction carries, for a guild or a DM. */
export function interactionBase(place: InteractionPlace, applicationId: string, id: string, token: string) {
  const common = {
    id,
    application_id: applicationId,
    token,
    version: 1 as const,
    locale: Locale.EnglishUS,
    entitlements: [],
    attachment_size_limit: 10_485_760,
  };
  if (place.kind === 'guild') {
    return {
      ...common,
      guild_id: place.guildId,
      guild: { id: place.guildId, locale: Locale.EnglishUS, features: [] },
      guild_locale: Locale.EnglishUS,
      channel: place.channel,
      channel_id: place.channel.id,
      member: place.member,
      app_permissions: String(place.appPermissions),
      authorizing_integration_owners: { [ApplicationIntegrationType.GuildInstall]: place.guildId },
      context: InteractionContextType.Guild,
    };
  }
  return {
    ...common,
    channel: { id: place.channelId, type: ChannelType.DM as const, recipients: [place.user], last_message_id: null, flags: 0 as ChannelFlags },
    channel_id: place.channelId,
    user: place.user,
    app_permissions: String(MEMBER_PERMISSIONS),
    // Discord uses "0" for a guild install reached from a DM with the bot.
    authorizing_integration_owners: { [ApplicationIntegrationType.GuildInstall]: '0' },
    context: InteractionContextType.BotDM,
  };
}

/** A message as Discord stores it after a bot sent it (through an interaction or to a channel). */
export function aMessage(opts: {
  id: string;
  channelId: string;
  author: APIUser;
  applicationId: string;
  webhook: boolean;
  data: Partial<Pick<APIMessage, 'content' | 'embeds' | 'components' | 'flags' | 'attachments'>>;
}): APIMessage {
  return {
    id: opts.id,
    channel_id: opts.channelId,
    author: opts.author,
    content: opts.data.content ?? '',
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: opts.data.attachments ?? [],
    embeds: opts.data.embeds ?? [],
    components: opts.data.components ?? [],
    pinned: false,
    type: MessageType.Default,
    flags: opts.data.flags ?? (0 as MessageFlags),
    application_id: opts.applicationId,
    ...(opts.webhook ? { webhook_id: opts.applicationId } : {}),
  };
}

import { GuildMember, PermissionFlagsBits, type BaseInteraction } from 'discord.js';
import type { Core } from '../../core/core.js';
import type { ChannelPoster } from '../../core/channel-poster.js';
import type { Community } from '../../core/identity.js';
import type { AttachmentRead, CommandContext } from '../../registry/command.js';
import { readUrlText } from '../shared/read-url.js';
import type { CommandRegistry } from '../../registry/registry.js';

export interface ContextDeps {
  core: Core;
  registry: CommandRegistry;
  poster: ChannelPoster;
}

/** A guild is a community; each user's DMs with the bot are a community of their own. */
export function communityOf(interaction: BaseInteraction): Community {
  return { platform: 'discord', id: interaction.guildId ?? `dm:${interaction.user.id}` };
}

/** The name members see: server nickname, then global display name, then username. */
export function displayNameOf(interaction: BaseInteraction): string {
  const member = interaction.member;
  if (member instanceof GuildMember) return member.displayName;
  return member?.nick ?? interaction.user.displayName;
}

/** Who is asking and what they may do, read from the interaction alone (no extra API calls). */
export function contextFor(interaction: BaseInteraction, deps: ContextDeps): CommandContext {
  return {
    core: deps.core,
    user: { community: communityOf(interaction), userId: interaction.user.id, displayName: displayNameOf(interaction) },
    // Discord computes the member's permissions in this channel; Administrator implies Manage Server.
    isAdmin: interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false,
    adminRule: 'server admins (Manage Server)',
    canShare: interaction.inGuild(),
    invocation: (command) => `/${command}`,
    channelId: interaction.channelId ?? undefined,
    poster: deps.poster,
    commands: deps.registry.commands,
    interactionId: interaction.id,
    readAttachment: (ref, maxBytes) => readAttachment(interaction, ref, maxBytes),
  };
}

/** An attachment option's value is the attachment's id; only a file Discord resolved for this interaction is fetched. */
async function readAttachment(interaction: BaseInteraction, id: string, maxBytes: number): Promise<AttachmentRead> {
  const attachment = interaction.isChatInputCommand() ? interaction.options.resolved?.attachments?.get(id) : undefined;
  if (!attachment) return { ok: false, problem: 'unreadable', detail: 'the attachment is missing' };
  if (attachment.size > maxBytes) return { ok: false, problem: 'too-large' };
  return readUrlText(attachment.url, maxBytes);
}

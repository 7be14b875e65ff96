import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  ChannelType,
  InteractionContextType,
  PermissionFlagsBits,
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandSubcommandOption,
  type RESTPutAPIApplicationCommandsJSONBody,
} from 'discord.js';
import type { CommandDef, OptionDef, OptionType } from '../../registry/command.js';

/** One application command as registered with Discord (a slash command). */
export type ApplicationCommandPayload = RESTPutAPIApplicationCommandsJSONBody[number];

const OPTION_TYPES = {
  string: ApplicationCommandOptionType.String,
  integer: ApplicationCommandOptionType.Integer,
  boolean: ApplicationCommandOptionType.Boolean,
  user: ApplicationCommandOptionType.User,
  channel: ApplicationCommandOptionType.Channel,
  attachment: ApplicationCommandOptionType.Attachment,
} as const satisfies Record<OptionType, ApplicationCommandOptionType>;

/** Channel options name where the bot posts, so only channels it can post text in are offered. */
const POSTABLE_CHANNELS = [ChannelType.GuildText, ChannelType.GuildAnnouncement] as const;

/** Manage Server: who sees admin commands by default. Server admins can change it per command. */
export const ADMIN_PERMISSIONS = String(PermissionFlagsBits.ManageGuild);

export function toOptionPayload(def: OptionDef): APIApplicationCommandBasicOption {
  const base = { name: def.name, description: def.description, required: Boolean(def.required) };
  switch (def.type) {
    case 'string': {
      const string = { ...base, type: OPTION_TYPES.string, ...(def.maxLength !== undefined ? { max_length: def.maxLength } : {}) };
      if (def.choices) return { ...string, choices: def.choices.map((c) => ({ name: c.name, value: c.value })) };
      // Values known only at run time (the bank's topics) are suggested as the member types.
      if (def.dynamicChoices) return { ...string, autocomplete: true };
      return string;
    }
    case 'integer':
      return {
        ...base,
        type: OPTION_TYPES.integer,
        ...(def.minValue !== undefined ? { min_value: def.minValue } : {}),
        ...(def.maxValue !== undefined ? { max_value: def.maxValue } : {}),
      };
    case 'boolean':
      return { ...base, type: OPTION_TYPES.boolean };
    case 'user':
      return { ...base, type: OPTION_TYPES.user };
    case 'channel':
      return { ...base, type: OPTION_TYPES.channel, channel_types: [...POSTABLE_CHANNELS] };
    case 'attachment':
      return { ...base, type: OPTION_TYPES.attachment };
  }
}

/** Discord wants required options first; the registry enforces it too, this keeps the payload valid regardless. */
function optionsPayload(defs: readonly OptionDef[] | undefined): APIApplicationCommandBasicOption[] {
  const list = defs ?? [];
  return [...list.filter((d) => d.required), ...list.filter((d) => !d.required)].map(toOptionPayload);
}

/**
 * A command definition as a slash command. Admin commands are hidden from members without
 * Manage Server (the registry checks again at run time) and exist only in servers.
 */
export function toApplicationCommand(cmd: CommandDef): ApplicationCommandPayload {
  const options: (APIApplicationCommandBasicOption | APIApplicationCommandSubcommandOption)[] = cmd.subcommands
    ? cmd.subcommands.map((s) => ({
        type: ApplicationCommandOptionType.Subcommand,
        name: s.name,
        description: s.description,
        options: optionsPayload(s.options),
      }))
    : optionsPayload(cmd.options);
  return {
    type: ApplicationCommandType.ChatInput,
    name: cmd.name,
    description: cmd.description,
    options,
    default_member_permissions: cmd.adminOnly ? ADMIN_PERMISSIONS : null,
    integration_types: [ApplicationIntegrationType.GuildInstall],
    contexts: cmd.adminOnly ? [InteractionContextType.Guild] : [InteractionContextType.Guild, InteractionContextType.BotDM],
    nsfw: false,
  };
}

export function toApplicationCommands(commands: readonly CommandDef[]): ApplicationCommandPayload[] {
  return commands.map(toApplicationCommand);
}

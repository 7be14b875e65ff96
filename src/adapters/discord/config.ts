import { optionalVar, urlVar, type EnvOf } from '../../env.js';

/** What the Discord adapter needs, read from the environment beside the adapter that uses it. */
export interface DiscordConfig {
  token: string;
  appId?: string | undefined;
  guildId?: string | undefined;
  apiBase: string;
}

export const discordEnv = {
  DISCORD_TOKEN: optionalVar,
  DISCORD_APP_ID: optionalVar.refine((v) => v === undefined || /^\d{5,25}$/.test(v), 'must be the numeric application id'),
  DISCORD_GUILD_ID: optionalVar.refine((v) => v === undefined || /^\d{5,25}$/.test(v), 'must be a numeric guild (server) id'),
  DISCORD_API_BASE: urlVar(['http:', 'https:'], 'https://discord.com/api'),
};

/** Undefined when Discord is not configured; a problem names the variable to set. */
export function readDiscordConfig(e: EnvOf<typeof discordEnv>, problems: string[]): DiscordConfig | undefined {
  if ((e.DISCORD_APP_ID || e.DISCORD_GUILD_ID) && !e.DISCORD_TOKEN) {
    problems.push('DISCORD_TOKEN is required to run on Discord (Developer Portal → your app → Bot → Reset Token)');
  }
  if (!e.DISCORD_TOKEN) return undefined;
  return { token: e.DISCORD_TOKEN, appId: e.DISCORD_APP_ID, guildId: e.DISCORD_GUILD_ID, apiBase: e.DISCORD_API_BASE ?? 'https://discord.com/api' };
}

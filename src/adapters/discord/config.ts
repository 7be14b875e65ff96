import { optionalVar, urlVar, type EnvOf } from '../../env.js';

/** What the Discord adapter needs, read from the environment beside the adapter that uses it. */
export interface DiscordConfig {
  token: string;
  appId?: string | undefined;
  guildId?: string | undefined;
  apiBase: string;
  /** Gateway shards: how many in all ('auto': Discord's recommendation) and which this process runs (all when unset). */
  shards?: { count: number | 'auto'; ids?: number[] | undefined } | undefined;
}

export const discordEnv = {
  DISCORD_TOKEN: optionalVar,
  DISCORD_APP_ID: optionalVar.refine((v) => v === undefined || /^\d{5,25}$/.test(v), 'must be the numeric application id'),
  DISCORD_GUILD_ID: optionalVar.refine((v) => v === undefined || /^\d{5,25}$/.test(v), 'must be a numeric guild (server) id'),
  DISCORD_API_BASE: urlVar(['http:', 'https:'], 'https://discord.com/api'),
  DISCORD_SHARD_COUNT: optionalVar.refine((v) => v === undefined || v === 'auto' || /^[1-9]\d{0,5}$/.test(v), 'must be auto or the number of shards, e.g. 4'),
  DISCORD_SHARD_IDS: optionalVar.refine((v) => v === undefined || /^\d+(-\d+)?(,\d+(-\d+)?)*$/.test(v.replace(/\s/g, '')), 'must list shard ids, e.g. 0,1 or 0-3'),
};

/** "0,2,4-6" -> [0, 2, 4, 5, 6] */
function shardIds(list: string): number[] {
  return list
    .replace(/\s/g, '')
    .split(',')
    .flatMap((part) => {
      const [from = 0, to = from] = part.split('-').map(Number);
      return Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
    });
}

function readShards(e: EnvOf<typeof discordEnv>, problems: string[]): DiscordConfig['shards'] {
  if (!e.DISCORD_SHARD_COUNT) {
    if (e.DISCORD_SHARD_IDS) problems.push('DISCORD_SHARD_IDS needs DISCORD_SHARD_COUNT: the total number of shards across all processes');
    return undefined;
  }
  const count = e.DISCORD_SHARD_COUNT === 'auto' ? 'auto' : Number(e.DISCORD_SHARD_COUNT);
  if (!e.DISCORD_SHARD_IDS) return { count };
  if (count === 'auto') {
    problems.push('DISCORD_SHARD_IDS needs DISCORD_SHARD_COUNT set to a number (every process must agree on the total), not auto');
    return undefined;
  }
  const ids = shardIds(e.DISCORD_SHARD_IDS);
  const outside = ids.filter((id) => id >= count);
  if (outside.length > 0 || ids.length === 0) problems.push(`DISCORD_SHARD_IDS must be shard ids from 0 to ${count - 1} (DISCORD_SHARD_COUNT=${count}); got ${e.DISCORD_SHARD_IDS}`);
  return { count, ids: [...new Set(ids)].sort((a, b) => a - b) };
}

/** Undefined when Discord is not configured; a problem names the variable to set. */
export function readDiscordConfig(e: EnvOf<typeof discordEnv>, problems: string[]): DiscordConfig | undefined {
  if ((e.DISCORD_APP_ID || e.DISCORD_GUILD_ID) && !e.DISCORD_TOKEN) {
    problems.push('DISCORD_TOKEN is required to run on Discord (Developer Portal → your app → Bot → Reset Token)');
  }
  const shards = readShards(e, problems);
  if (!e.DISCORD_TOKEN) return undefined;
  return { token: e.DISCORD_TOKEN, appId: e.DISCORD_APP_ID, guildId: e.DISCORD_GUILD_ID, apiBase: e.DISCORD_API_BASE ?? 'https://discord.com/api', shards };
}

import { z } from 'zod';
import { AppError } from './core/errors.js';

/**
 * Environment -> validated, typed config. Every problem names the variable to set and what a
 * valid value looks like; all problems are reported at once.
 */

const optional = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const url = (protocols: string[], example: string) =>
  optional.refine((v) => {
    if (v === undefined) return true;
    try {
      return protocols.includes(new URL(v).protocol);
    } catch {
      return false;
    }
  }, `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}, e.g. ${example}`);

const envSchema = z.object({
  REDIS_URL: url(['redis:', 'rediss:'], 'redis://127.0.0.1:6379'),
  REDIS_CLUSTER_NODES: optional.refine(
    (v) => v === undefined || v.split(',').every((n) => /^[\w.-]+:\d+$/.test(n.trim())),
    'must be a comma-separated list of host:port, e.g. 10.0.0.1:6379,10.0.0.2:6379',
  ),
  REDIS_PREFIX: optional.refine((v) => v === undefined || /^[\w:.-]{1,64}$/.test(v), 'may hold letters, digits, and _ : . - (at most 64), and no braces'),
  DATA_DIR: optional,
  BANK_DIR: optional,
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).optional(),
  DISCORD_TOKEN: optional,
  DISCORD_APP_ID: optional.refine((v) => v === undefined || /^\d{5,25}$/.test(v), 'must be the numeric application id'),
  DISCORD_GUILD_ID: optional.refine((v) => v === undefined || /^\d{5,25}$/.test(v), 'must be a numeric guild (server) id'),
  DISCORD_API_BASE: url(['http:', 'https:'], 'https://discord.com/api'),
  SLACK_BOT_TOKEN: optional.refine((v) => v === undefined || v.startsWith('xoxb-'), 'must be a bot token starting with xoxb-'),
  SLACK_SIGNING_SECRET: optional,
  SLACK_APP_TOKEN: optional.refine((v) => v === undefined || v.startsWith('xapp-'), 'must be an app-level token starting with xapp-'),
  SLACK_API_URL: url(['http:', 'https:'], 'https://slack.com/api/'),
  SLACK_COMMAND: optional.refine((v) => v === undefined || /^[a-z0-9_-]{1,31}$/.test(v), 'must be a command word without the slash, e.g. prep'),
  SLACK_ADMIN_USER_IDS: optional,
  PORT: optional.refine((v) => v === undefined || (/^\d+$/.test(v) && Number(v) < 65536), 'must be a port number from 0 to 65535'),
});

export interface DiscordConfig {
  token: string;
  appId?: string | undefined;
  guildId?: string | undefined;
  apiBase: string;
}

export interface SlackConfig {
  botToken: string;
  signingSecret: string;
  appToken?: string | undefined;
  apiUrl?: string | undefined;
  command: string;
  adminUserIds: string[];
}

export interface AppConfig {
  redis?: { url?: string | undefined; clusterNodes?: { host: string; port: number }[] | undefined; prefix: string } | undefined;
  dataDir: string;
  /** Holds questions/*.yaml and seed-ids.json. */
  bankDir?: string | undefined;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  port: number;
  console: boolean;
  discord?: DiscordConfig | undefined;
  slack?: SlackConfig | undefined;
}

export class ConfigError extends AppError {
  constructor(readonly problems: string[]) {
    super('CONFIG_INVALID', `Configuration problems:\n- ${problems.join('\n- ')}`);
  }
}

export function loadConfig(env: NodeJS.ProcessEnv, argv: readonly string[] = []): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`));
  }
  const e = parsed.data;
  const problems: string[] = [];
  if (e.SLACK_BOT_TOKEN && !e.SLACK_SIGNING_SECRET && !e.SLACK_APP_TOKEN) {
    problems.push('SLACK_SIGNING_SECRET is required with SLACK_BOT_TOKEN (from Basic Information → App Credentials), unless SLACK_APP_TOKEN selects Socket Mode');
  }
  if ((e.SLACK_SIGNING_SECRET || e.SLACK_APP_TOKEN) && !e.SLACK_BOT_TOKEN) {
    problems.push('SLACK_BOT_TOKEN is required to run on Slack (OAuth & Permissions → Bot User OAuth Token, xoxb-…)');
  }
  if ((e.DISCORD_APP_ID || e.DISCORD_GUILD_ID) && !e.DISCORD_TOKEN) {
    problems.push('DISCORD_TOKEN is required to run on Discord (Developer Portal → your app → Bot → Reset Token)');
  }
  if (e.REDIS_URL && e.REDIS_CLUSTER_NODES) problems.push('set REDIS_URL or REDIS_CLUSTER_NODES, not both');
  if (problems.length > 0) throw new ConfigError(problems);

  const useRedis = e.REDIS_URL !== undefined || e.REDIS_CLUSTER_NODES !== undefined;
  const discord = e.DISCORD_TOKEN ? { token: e.DISCORD_TOKEN, appId: e.DISCORD_APP_ID, guildId: e.DISCORD_GUILD_ID, apiBase: e.DISCORD_API_BASE ?? 'https://discord.com/api' } : undefined;
  const slack = e.SLACK_BOT_TOKEN
    ? {
        botToken: e.SLACK_BOT_TOKEN,
        signingSecret: e.SLACK_SIGNING_SECRET ?? '',
        appToken: e.SLACK_APP_TOKEN,
        apiUrl: e.SLACK_API_URL,
        command: e.SLACK_COMMAND ?? 'prep',
        adminUserIds: (e.SLACK_ADMIN_USER_IDS ?? '').split(',').map((s) => s.trim()).filter(Boolean),
      }
    : undefined;
  return {
    redis: useRedis
      ? {
          url: e.REDIS_URL,
          clusterNodes: e.REDIS_CLUSTER_NODES?.split(',').map((n) => {
            const [host = '', port = ''] = n.trim().split(':');
            return { host, port: Number(port) };
          }),
          prefix: e.REDIS_PREFIX ?? 'backprop:',
        }
      : undefined,
    dataDir: e.DATA_DIR ?? '.data',
    bankDir: e.BANK_DIR,
    logLevel: e.LOG_LEVEL ?? 'info',
    port: Number(e.PORT ?? 3000),
    console: argv.includes('--console') || (!discord && !slack),
    discord,
    slack,
  };
}

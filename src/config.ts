import { z } from 'zod';
import { readDiscordConfig, discordEnv, type DiscordConfig } from './adapters/discord/config.js';
import { readSlackConfig, slackEnv, type SlackConfig } from './adapters/slack/config.js';
import { AppError } from './core/errors.js';
import { graderEnv, readGraderConfig, type GraderConfig } from './grading-ai/config.js';
import { optionalVar, portVar, urlVar } from './env.js';

/**
 * Environment -> validated, typed config. Every problem names the variable to set and what a
 * valid value looks like; all problems are reported at once. Each platform's variables and config
 * type live beside its adapter (src/adapters/<platform>/config.ts); this file composes them.
 */

const envSchema = z.object({
  // Platforms' variables first: PORT is shared (Slack serves its requests on it).
  ...discordEnv,
  ...slackEnv,
  ...graderEnv,
  REDIS_URL: urlVar(['redis:', 'rediss:'], 'redis://127.0.0.1:6379'),
  REDIS_CLUSTER_NODES: optionalVar.refine(
    (v) => v === undefined || v.split(',').every((n) => /^[\w.-]+:\d+$/.test(n.trim())),
    'must be a comma-separated list of host:port, e.g. 10.0.0.1:6379,10.0.0.2:6379',
  ),
  REDIS_PREFIX: optionalVar.refine((v) => v === undefined || /^[\w:.-]{1,64}$/.test(v), 'may hold letters, digits, and _ : . - (at most 64), and no braces'),
  DATA_DIR: optionalVar,
  BANK_DIR: optionalVar,
  PICTURES_DIR: optionalVar,
  LOG_LEVEL: optionalVar.pipe(z.enum(['debug', 'info', 'warn', 'error', 'silent']).optional()),
  LOG_FORMAT: optionalVar.pipe(z.enum(['json', 'pretty']).optional()),
  LOG_REDACT: optionalVar.refine((v) => v === undefined || v.split(',').every((p) => /^[\w.*[\]"'-]+$/.test(p.trim())), 'must be a comma-separated list of paths, e.g. user.email,*.apiKey'),
  PORT: portVar,
  SHUTDOWN_GRACE_SECONDS: optionalVar.refine((v) => v === undefined || (/^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 600), 'must be a whole number of seconds from 1 to 600, e.g. 10'),
});

/** Every variable Backprop reads (.env.example lists each one; a test keeps them in step). */
export const ENV_VARIABLES: readonly string[] = Object.keys(envSchema.shape);

export type { DiscordConfig, SlackConfig };

export interface AppConfig {
  redis?: { url?: string | undefined; clusterNodes?: { host: string; port: number }[] | undefined; prefix: string } | undefined;
  dataDir: string;
  /** Holds questions/*.yaml and seed-ids.json. */
  bankDir?: string | undefined;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  /** Unset: pretty at a terminal, JSON lines otherwise. */
  logFormat?: 'json' | 'pretty' | undefined;
  /** Paths redacted besides the built-in tokens and secrets. */
  logRedact: string[];
  /** The health server's port when no adapter serves the health routes itself. */
  port: number;
  console: boolean;
  /** Where the console writes pictures (PNG files); the system's temporary folder/backprop by default. */
  picturesDir?: string | undefined;
  /** How long a stop waits for interactions in flight before it exits anyway. */
  shutdownGraceMs: number;
  discord?: DiscordConfig | undefined;
  slack?: SlackConfig | undefined;
  /** How open answers are graded: GRADER=rubric (default) or ai. */
  grader: GraderConfig;
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
  const slack = readSlackConfig(e, problems);
  const discord = readDiscordConfig(e, problems);
  const grader = readGraderConfig(e, problems);
  if (e.REDIS_URL && e.REDIS_CLUSTER_NODES) problems.push('set REDIS_URL or REDIS_CLUSTER_NODES, not both');
  if (problems.length > 0) throw new ConfigError(problems);

  const useRedis = e.REDIS_URL !== undefined || e.REDIS_CLUSTER_NODES !== undefined;
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
    logFormat: e.LOG_FORMAT,
    logRedact: e.LOG_REDACT?.split(',').map((p) => p.trim()) ?? [],
    port: Number(e.PORT ?? 3000),
    console: argv.includes('--console') || (!discord && !slack),
    picturesDir: e.PICTURES_DIR,
    shutdownGraceMs: Number(e.SHUTDOWN_GRACE_SECONDS ?? 10) * 1000,
    discord,
    slack,
    grader,
  };
}

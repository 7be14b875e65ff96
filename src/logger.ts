import { pino, type DestinationStream, type Logger as Pino, type LoggerOptions } from 'pino';
import type { Logger } from './core/ports.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
export type LogFormat = 'json' | 'pretty';

/** The port's logger plus what the composition root and adapters use: debug lines and children. */
export interface AppLogger extends Logger {
  debug(msg: string, data?: Record<string, unknown>): void;
  child(bindings: Record<string, unknown>): AppLogger;
}

/**
 * Paths whose values never reach a log line, whatever logs them: platform tokens and secrets,
 * passwords, authorization headers. `*.x` matches x one level down (pino's fast-redact syntax),
 * and URLs with a password are masked separately (see maskUrlPasswords).
 */
export const DEFAULT_REDACT_PATHS: readonly string[] = [
  'token', '*.token', 'botToken', 'appToken', '*.botToken', '*.appToken',
  'secret', '*.secret', 'signingSecret', '*.signingSecret', 'clientSecret', '*.clientSecret',
  'password', '*.password', 'authorization', '*.authorization', 'headers.authorization', '*.headers.authorization',
  'apiKey', '*.apiKey', 'DISCORD_TOKEN', 'SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', 'SLACK_SIGNING_SECRET',
];

const URL_PASSWORD = /\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@]*:)([^\s@/]+)@/gi;
/** Discord bot tokens and Slack tokens written into free text (an error message, a URL). */
const TOKEN_SHAPES = [/\bxox[abpre]-[A-Za-z0-9-]{8,}/g, /\bxapp-[A-Za-z0-9-]{8,}/g, /\b[MNO][A-Za-z\d_-]{23,25}\.[A-Za-z\d_-]{6}\.[A-Za-z\d_-]{27,}/g];

/** redis://user:pass@host -> redis://user:[Redacted]@host, and token-shaped words -> [Redacted]. */
export function maskSecretsInText(text: string): string {
  let out = text.replace(URL_PASSWORD, '$1[Redacted]@');
  for (const shape of TOKEN_SHAPES) out = out.replace(shape, '[Redacted]');
  return out;
}

function maskDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskSecretsInText(value);
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return { type: value.name, message: maskSecretsInText(value.message), stack: value.stack && maskSecretsInText(value.stack) };
  if (Array.isArray(value)) return value.map((v) => maskDeep(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskDeep(v, depth + 1)]));
}

export interface CreateLoggerOptions {
  level: LogLevel;
  /** json (default when stderr is not a terminal) or pretty (pino-pretty). */
  format?: LogFormat | undefined;
  /** Extra paths to redact, e.g. from LOG_REDACT. */
  redact?: readonly string[] | undefined;
  /** Where lines go; stderr by default so stdout stays clean for the console adapter. Tests pass a stream. */
  destination?: DestinationStream | undefined;
}

/** The format when LOG_FORMAT is unset: pretty for a person at a terminal, JSON lines otherwise. */
export function defaultLogFormat(env: NodeJS.ProcessEnv = process.env, isTty = Boolean(process.stderr.isTTY)): LogFormat {
  if (env.LOG_FORMAT === 'pretty' || env.LOG_FORMAT === 'json') return env.LOG_FORMAT;
  return isTty ? 'pretty' : 'json';
}

function wrap(p: Pino): AppLogger {
  const at = (fn: 'debug' | 'info' | 'warn' | 'error') => (msg: string, data?: Record<string, unknown>) => {
    if (!p.isLevelEnabled(fn)) return;
    if (data) p[fn](maskDeep(data) as object, maskSecretsInText(msg));
    else p[fn](maskSecretsInText(msg));
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error'), child: (b) => wrap(p.child(maskDeep(b) as object)) };
}

/** pino behind the core's Logger port: JSON lines on stderr, or pino-pretty; secrets redacted. */
export function createLogger(opts: CreateLoggerOptions): AppLogger {
  const options: LoggerOptions = {
    level: opts.level,
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: [...DEFAULT_REDACT_PATHS, ...(opts.redact ?? [])], censor: '[Redacted]' },
  };
  if (opts.destination) return wrap(pino(options, opts.destination));
  if ((opts.format ?? defaultLogFormat()) === 'pretty') {
    return wrap(pino({ ...options, transport: { target: 'pino-pretty', options: { destination: 2, colorize: Boolean(process.stderr.isTTY), translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' } } }));
  }
  return wrap(pino(options, pino.destination({ dest: 2, sync: true })));
}

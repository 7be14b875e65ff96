import type { Logger } from './core/ports.js';

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 } as const;

/** JSON lines on stderr, so stdout stays clean for the console adapter. */
export function createLogger(level: keyof typeof LEVELS, write: (line: string) => void = (l) => process.stderr.write(l)): Logger & { debug: Logger['info'] } {
  const at = (lvl: keyof typeof LEVELS) => (msg: string, data?: Record<string, unknown>) => {
    if (LEVELS[lvl] < LEVELS[level]) return;
    write(`${JSON.stringify({ time: new Date().toISOString(), level: lvl, msg, ...data })}\n`);
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

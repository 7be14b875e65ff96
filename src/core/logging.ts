import type { Logger } from './ports.js';

/**
 * A logger for one unit of work (an interaction, a daily post): a real child when the logger makes
 * them (pino's bindings are written once per line by pino itself), else the bindings merged into
 * each line's data.
 */
export function childLogger(logger: Logger, bindings: Record<string, unknown>): Logger {
  const maybe = logger as Logger & { child?: (b: Record<string, unknown>) => Logger };
  if (typeof maybe.child === 'function') return maybe.child(bindings);
  const merge = (fn: Logger['info']) => (msg: string, data?: Record<string, unknown>) => fn(msg, { ...bindings, ...data });
  return { info: merge(logger.info.bind(logger)), warn: merge(logger.warn.bind(logger)), error: merge(logger.error.bind(logger)) };
}

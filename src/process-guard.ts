import type { Logger } from './core/ports.js';

export interface ProcessGuardOptions {
  /** More than this many unexpected errors within `windowMs` means the process is broken. */
  burst?: number;
  windowMs?: number;
  now?: () => number;
}

/**
 * The last line of defence: an error nothing else caught (a library's handler throwing on odd
 * input, a promise nobody awaited) is logged and the process keeps serving, since one bad
 * request must not take Discord, Slack and the scheduler down together. A burst of them means
 * something is broken for good: `onFatal` then stops the process cleanly.
 */
export function installProcessGuard(logger: Logger, onFatal: (err: unknown) => void, o: ProcessGuardOptions = {}): () => void {
  const burst = o.burst ?? 20;
  const windowMs = o.windowMs ?? 60_000;
  const now = o.now ?? Date.now;
  const recent: number[] = [];
  const handle = (kind: string) => (err: unknown) => {
    const at = now();
    recent.push(at);
    while (recent.length > 0 && recent[0]! <= at - windowMs) recent.shift();
    const fatal = recent.length > burst;
    logger.error(fatal ? 'too many unexpected errors; stopping' : 'unexpected error; still serving', { kind, error: describe(err) });
    if (fatal) onFatal(err);
  };
  const onException = handle('uncaughtException');
  const onRejection = handle('unhandledRejection');
  process.on('uncaughtException', onException);
  process.on('unhandledRejection', onRejection);
  return () => {
    process.off('uncaughtException', onException);
    process.off('unhandledRejection', onRejection);
  };
}

/** The error's class, message and first frames: enough to find it, no request bodies. */
function describe(err: unknown): string {
  if (!(err instanceof Error)) return String(err).slice(0, 300);
  const frames = (err.stack ?? '').split('\n').slice(1, 4).map((l) => l.trim());
  return [`${err.name}: ${err.message}`.slice(0, 300), ...frames].join(' | ');
}

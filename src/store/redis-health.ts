import type { Cluster, Redis } from 'ioredis';
import type { Logger } from '../core/ports.js';

/**
 * One structured line per connection state change instead of ioredis' stack trace per reconnect
 * attempt: "down" once, "still reconnecting" at most every `everyMs`, "back" once.
 */
export function logConnectionStates(client: Redis | Cluster, logger: Logger, everyMs = 30_000, now: () => number = Date.now): void {
  let downSince: number | null = null;
  let lastNote = 0;
  let attempts = 0;
  client.on('error', (err: Error) => {
    if (downSince !== null) return;
    downSince = now();
    lastNote = downSince;
    // The driver's message says why (ECONNREFUSED, auth); it never holds the password.
    logger.warn('redis connection down', { error: err.message });
  });
  client.on('reconnecting', () => {
    attempts++;
    if (downSince === null || now() - lastNote < everyMs) return;
    lastNote = now();
    logger.warn('redis still reconnecting', { downForMs: lastNote - downSince, attempts });
  });
  client.on('ready', () => {
    if (downSince === null) return;
    logger.info('redis connection back', { downForMs: now() - downSince, attempts });
    downSince = null;
    attempts = 0;
  });
}

/**
 * A Redis that neither snapshots nor appends loses every point at its next restart. CONFIG is
 * often disabled on managed services; then nothing can be said and nothing is logged.
 */
export async function warnWithoutPersistence(client: Redis | Cluster, logger: Logger): Promise<void> {
  // A cluster's nodes are checked by whoever runs the cluster.
  if (client.isCluster) return;
  try {
    const aof = (await (client as Redis).config('GET', 'appendonly')) as string[];
    const save = (await (client as Redis).config('GET', 'save')) as string[];
    if (aof[1] !== 'yes' && (save[1] ?? '').trim() === '') {
      logger.warn('Redis keeps its data in memory only (appendonly no, save ""): every point is lost when it restarts. Turn on AOF (appendonly yes) or RDB snapshots (save).');
    }
  } catch {
    // CONFIG not allowed: persistence is the provider's to guarantee.
  }
}

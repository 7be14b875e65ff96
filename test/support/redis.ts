import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { inject, it } from 'vitest';

/** The Redis URL for this run, or null (then Redis suites skip, or fail under CI=true). */
export function redisUrl(): string | null {
  const url = inject('redisUrl');
  if (!url && process.env['CI'] === 'true') {
    throw new Error('CI=true but no Redis is available: set REDIS_URL or put redis-server on PATH.');
  }
  return url;
}

/** describe-level switch: runs the suite with Redis, or registers one loudly skipped test. */
export function withRedis(fn: (url: string) => void): void {
  const url = redisUrl();
  if (url) fn(url);
  else it.skip('SKIPPED: no Redis available (set REDIS_URL or install redis-server)', () => {});
}

/** A key prefix of its own for each test, so tests never see each other's keys. */
export function uniquePrefix(): string {
  return `test:${randomBytes(6).toString('hex')}:`;
}

/** Deletes every key under a prefix. */
export async function deletePrefix(client: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    cursor = next;
    if (keys.length > 0) await client.del(...keys);
  } while (cursor !== '0');
}

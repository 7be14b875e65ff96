import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';

/** Key prefixes for tests and benches; no vitest here, so bench/ can import it. */

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

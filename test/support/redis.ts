import type { Cluster } from 'ioredis';
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

export { deletePrefix, uniquePrefix } from './redis-keys.js';

/** The Redis Cluster nodes for this run as host:port pairs, or null (then cluster suites skip, or fail under CI=true). */
export function redisClusterNodes(): { host: string; port: number }[] | null {
  const nodes = inject('redisClusterNodes');
  if (!nodes && process.env['CI'] === 'true') {
    throw new Error('CI=true but no Redis Cluster is available: set TEST_REDIS_CLUSTER_NODES or put redis-server on PATH.');
  }
  return nodes
    ? nodes.split(',').map((n) => {
        const [host = '', port = ''] = n.split(':');
        return { host, port: Number(port) };
      })
    : null;
}

/** describe-level switch for the Redis Cluster suites, like withRedis. */
export function withRedisCluster(fn: (nodes: { host: string; port: number }[]) => void): void {
  const nodes = redisClusterNodes();
  if (nodes) fn(nodes);
  else it.skip('SKIPPED: no Redis Cluster available (set TEST_REDIS_CLUSTER_NODES or install redis-server)', () => {});
}

/** Deletes every key under a prefix on every master of a cluster, one key at a time (keys of a node may span slots). */
export async function deleteClusterPrefix(cluster: Cluster, prefix: string): Promise<void> {
  await Promise.all(
    cluster.nodes('master').map(async (node) => {
      let cursor = '0';
      do {
        const [next, keys] = await node.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
        cursor = next;
        if (keys.length > 0) await Promise.all(keys.map((k) => node.unlink(k)));
      } while (cursor !== '0');
    }),
  );
}

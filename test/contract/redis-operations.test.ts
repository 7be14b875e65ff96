import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { healthRoutes, READY_DEADLINE_MS, startHealthServer } from '../../src/http/health.js';
import { logConnectionStates, warnWithoutPersistence } from '../../src/store/redis-health.js';
import { createRedisClient, RedisStore } from '../../src/store/redis-store.js';
import { recordingLogger } from '../e2e/slack/harness.js';
import { hasRedisServer, PrivateRedis } from '../support/private-redis.js';

/** What an operator sees of Redis: readiness, connection logs, persistence. Own server each. */
// Under CI a missing redis-server is a failure, not a skip.
describe.skipIf(!hasRedisServer && process.env['CI'] !== 'true')('Redis as operated', () => {
  let redis: PrivateRedis;
  beforeAll(async () => {
    redis = await PrivateRedis.start();
  });
  afterAll(async () => redis.stop());

  const readyz = async (store: Parameters<typeof healthRoutes>[0]) => {
    const server = await startHealthServer(0, healthRoutes(store), '127.0.0.1');
    try {
      const res = await fetch(`http://127.0.0.1:${server.port}/readyz`);
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    } finally {
      await server.stop();
    }
  };

  it('/readyz is 503 when Redis is out of memory, naming the store without the driver message', async () => {
    const client = createRedisClient(redis.url);
    const admin = new Redis(redis.url);
    const store = new RedisStore({ client, prefix: 'ops:' });
    try {
      expect((await readyz(store)).status).toBe(200);
      await admin.config('SET', 'maxmemory', '1');
      const down = await readyz(store);
      expect(down).toMatchObject({ status: 503, body: { status: 'unavailable', dependency: 'store', reason: 'Redis refuses writes (out of memory)' } });
      expect(JSON.stringify(down.body)).not.toMatch(/OOM command|maxmemory/);
    } finally {
      await admin.config('SET', 'maxmemory', '0');
      await admin.quit();
      await store.close();
    }
  });

  it('/readyz answers 503 within its deadline when the store hangs', async () => {
    const started = Date.now();
    const res = await readyz({ ping: () => new Promise<void>(() => {}) });
    expect(res).toMatchObject({ status: 503, body: { dependency: 'store', reason: `the store did not answer within ${READY_DEADLINE_MS} ms` } });
    expect(Date.now() - started).toBeLessThan(READY_DEADLINE_MS + 500);
  });

  it('logs one structured line per connection state change: down, still reconnecting, back', async () => {
    const logger = recordingLogger();
    const client = new Redis(redis.url, { retryStrategy: () => 20, maxRetriesPerRequest: 0 });
    logConnectionStates(client, logger, 200);
    await client.ping();
    await redis.pause();
    await expect.poll(() => logger.lines.filter((l) => l.msg === 'redis still reconnecting').length, { timeout: 5000 }).toBeGreaterThan(0);
    await redis.resume();
    await expect.poll(() => logger.lines.some((l) => l.msg === 'redis connection back'), { timeout: 5000 }).toBe(true);
    const msgs = logger.lines.map((l) => l.msg);
    expect(msgs.filter((m) => m === 'redis connection down')).toHaveLength(1);
    expect(msgs.filter((m) => m === 'redis connection back')).toHaveLength(1);
    expect(new Set(msgs)).toEqual(new Set(['redis connection down', 'redis still reconnecting', 'redis connection back']));
    client.disconnect();
  });

  it('warns at start when Redis persists nothing, and not when AOF is on', async () => {
    const client = new Redis(redis.url);
    try {
      const logger = recordingLogger();
      await warnWithoutPersistence(client, logger);
      expect(logger.lines.filter((l) => l.level === 'warn').map((l) => l.msg).join()).toContain('every point is lost when it restarts');
      await client.config('SET', 'appendonly', 'yes');
      const quiet = recordingLogger();
      await warnWithoutPersistence(client, quiet);
      expect(quiet.lines).toEqual([]);
    } finally {
      await client.config('SET', 'appendonly', 'no');
      await client.quit();
    }
  });
});

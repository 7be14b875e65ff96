import { describe, expect, it } from 'vitest';
import { FakeDiscord } from '../../support/fake-discord/index.js';
import { REST, Routes } from 'discord.js';
import { fanOutDaily, spawnEntry, startProxy } from '../../support/proxy-fanout.js';
import { withRedis } from '../../support/redis.js';

describe("the fake Discord's global rate limit", () => {
  it('answers the 51st request of a second with a global 429, as Discord does; interaction callbacks are exempt', async () => {
    const fake = await FakeDiscord.start({ globalPerSecond: 50 });
    try {
      const get = () => fetch(`${fake.apiBase}/v10/users/@me`, { headers: { authorization: `Bot ${fake.token}` } });
      const answers = await Promise.all(Array.from({ length: 60 }, get));
      expect(answers.filter((r) => r.status === 200)).toHaveLength(50);
      const limited = answers.filter((r) => r.status === 429);
      expect(limited).toHaveLength(10);
      const body = (await limited[0]!.json()) as { global: boolean; retry_after: number };
      expect(body.global).toBe(true);
      expect(body.retry_after).toBeGreaterThan(0);
      expect(body.retry_after).toBeLessThanOrEqual(1);
      expect(limited[0]!.headers.get('x-ratelimit-global')).toBe('true');
      expect(limited[0]!.headers.get('x-ratelimit-scope')).toBe('global');
      expect(Number(limited[0]!.headers.get('retry-after'))).toBeGreaterThan(0);
      // Interaction callbacks do not count (the fake answers 404 for an unknown interaction, not 429).
      const callback = await fetch(`${fake.apiBase}/v10/interactions/1/tok/callback`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type":1}' });
      expect(callback.status).not.toBe(429);
    } finally {
      await fake.stop();
    }
  });
});

describe('src/discord-proxy.ts', () => {
  it("forwards a request Discord first refused (429, then 500) again with its body, and Discord's errors as they were", async () => {
    const fake = await FakeDiscord.start();
    const proxy = await startProxy(fake.apiBase);
    try {
      const rest = new REST({ api: proxy.apiBase, retries: 0 }).setToken(fake.token);
      fake.rest.fail({ method: 'POST', path: /^\/channels\/\d+\/messages$/, status: 429, retryAfter: 0.2 });
      fake.rest.fail({ method: 'POST', path: /^\/channels\/\d+\/messages$/, status: 500 });
      const posted = (await rest.post(Routes.channelMessages(fake.general.id), { body: { content: 'Through the proxy' } })) as { id: string };
      expect(fake.state.messages.get(posted.id)?.content).toBe('Through the proxy');
      expect(fake.rest.requests.filter((r) => r.method === 'POST').map((r) => r.status)).toEqual([429, 500, 200]);
      // Discord's own error comes back with its code, not as a proxy failure.
      await expect(rest.post(Routes.channelMessages('1'), { body: { content: 'x' } })).rejects.toMatchObject({ status: 404, code: 10003 });
    } finally {
      proxy.proc.kill('SIGTERM');
      await fake.stop();
    }
  });

  it('refuses a bad setting with the variable to fix, and exits 1', async () => {
    const proc = spawnEntry('src/discord-proxy.ts', { DISCORD_PROXY_PORT: 'eighty', DISCORD_PROXY_UPSTREAM: 'ftp://x' });
    const code = await new Promise((resolve) => proc.once('exit', resolve));
    expect(code).toBe(1);
    expect(proc.log()).toMatch(/DISCORD_PROXY_PORT must be a port number/);
    expect(proc.log()).toMatch(/DISCORD_PROXY_UPSTREAM must be a URL starting with http:\/\/ or https:\/\//);
  });
});

/** Two `npm start` processes share one REST queue through src/discord-proxy.ts. */
describe('two processes, one REST proxy', () => {
  withRedis((url) => {
    it('fan out 200 daily questions at one tick with zero 429s from a Discord enforcing 50 requests/s for the bot', async () => {
      // The proxy's defaults: its windows anchored on the first answer, 10 ms margin. Before the anchor,
      // a loaded CI box needed a 150 ms margin here (the time from the proxy opening a window to the
      // fake counting its first request); bench:proxy measures the cost of both.
      const result = await fanOutDaily({ redisUrl: url, channels: 200, viaProxy: true });
      const context = `${JSON.stringify({ ...result, logs: undefined })}\n${result.logs.join('\n---\n').slice(-4000)}`;
      expect(result.posted, context).toBe(200);
      expect(result.postedChannels, context).toBe(200);
      expect(result.rateLimited, context).toBe(0);
      // Both processes posted: the slot claims split the channels, so the proxy really was shared.
      const posters = result.logs.filter((log) => /"msg":"daily questions"/.test(log));
      expect(posters.length, context).toBe(2);
    }, 150_000);
  });
});

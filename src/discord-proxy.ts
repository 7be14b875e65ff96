import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { populateSuccessfulResponse } from '@discordjs/proxy';
import { DefaultRestOptions, DiscordAPIError, HTTPError, RateLimitError, REST, RESTEvents, type RequestMethod } from 'discord.js';
import { z } from 'zod';
import { optionalVar, portVar, urlVar } from './env.js';
import { createLogger, defaultLogFormat, type LogLevel } from './logger.js';

/**
 * One Discord REST queue for many Backprop processes. Discord's global limit (50 requests a second)
 * and its per-route buckets belong to the bot, not to a process: every process points
 * DISCORD_API_BASE at this proxy (http://host:port/api) and its one @discordjs/rest client queues
 * for all of them. Each request keeps the caller's Authorization header, so the proxy holds no token.
 *
 * Why not @discordjs/proxy's proxyRequests as it is: it streams the caller's body to Discord, so a
 * request that @discordjs/rest retries after a 429 or a 5xx goes out with an empty body (Discord
 * answers 400 "Invalid Form Body"); and it tells errors apart with instanceof against the ESM build
 * of @discordjs/rest while discord.js loads the CommonJS one, so every error became a crash. Here
 * the body is read first, and errors are told apart with discord.js's own classes.
 */
/**
 * @discordjs/rest waits 50 ms past each window by default, to cover the time from sending a window's
 * first request to Discord receiving it. The window is anchored on an answer here (anchoredOnAnswers),
 * which covers that, so the margin is only for clocks and timers: 10 ms.
 */
const DEFAULT_OFFSET_MS = 10;
const LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error', 'silent'];
const proxyEnv = z.object({
  DISCORD_PROXY_PORT: portVar,
  /** 0.0.0.0 in a container, so the bot services can reach it; loopback by default. */
  DISCORD_PROXY_HOST: optionalVar,
  /** Discord itself by default; the fake Discord's base in tests. */
  DISCORD_PROXY_UPSTREAM: urlVar(['http:', 'https:'], 'https://discord.com/api'),
  /** Extra wait after each global window and bucket reset, in ms (@discordjs/rest's offset; 10 by default). */
  DISCORD_PROXY_OFFSET_MS: optionalVar.refine((v) => v === undefined || /^\d{1,4}$/.test(v), 'must be milliseconds from 0 to 9999, e.g. 50'),
  LOG_LEVEL: optionalVar.refine((v) => v === undefined || LEVELS.includes(v as LogLevel), `must be one of ${LEVELS.join(', ')}`),
});

async function startDiscordProxy(env: NodeJS.ProcessEnv): Promise<{ port: number; close: () => Promise<void> }> {
  const parsed = proxyEnv.safeParse(env);
  if (!parsed.success) {
    throw new Error(`Discord proxy settings: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
  }
  const e = parsed.data;
  const logger = createLogger({ level: (e.LOG_LEVEL ?? 'info') as LogLevel, format: defaultLogFormat(env) });
  const rest: REST = new REST({
    api: e.DISCORD_PROXY_UPSTREAM ?? 'https://discord.com/api',
    offset: Number(e.DISCORD_PROXY_OFFSET_MS ?? DEFAULT_OFFSET_MS),
    makeRequest: anchoredOnAnswers(() => rest),
  });
  rest.on(RESTEvents.RateLimited, (info) => logger.debug('waiting on a rate limit', { route: info.route, global: info.global, ms: info.timeToReset }));
  rest.on(RESTEvents.Response, (request, response) => {
    if (response.status === 429) logger.warn('Discord answered 429 (another client shares the token?)', { route: request.route });
  });
  const server = createServer((req, res) => {
    if (req.url === '/healthz') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      return;
    }
    forward(rest, req, res).catch((err: unknown) => {
      logger.error('proxying failed', { method: req.method, url: req.url?.replace(/\/(interactions|webhooks)\/(\d+)\/[^/]+/, '/$1/$2/:token'), error: String(err) });
      if (!res.writableEnded) res.writeHead(502, { 'content-type': 'application/json' }).end(JSON.stringify({ message: 'Discord proxy: the request failed upstream', code: 0 }));
    });
  });
  const host = e.DISCORD_PROXY_HOST ?? '127.0.0.1';
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(Number(e.DISCORD_PROXY_PORT ?? 8080), host, () => {
      const { port } = server.address() as AddressInfo;
      logger.info('discord proxy listening', { host, port, upstream: e.DISCORD_PROXY_UPSTREAM ?? 'https://discord.com/api' });
      resolve({
        port,
        close: () => {
          server.closeAllConnections();
          return new Promise<void>((done) => server.close(() => done()));
        },
      });
    });
  });
}

/**
 * Discord opens its one-second global window when the window's first request arrives; @discordjs/rest
 * opens its own when it sends that request, so whatever passes between the two (a process descheduled
 * on a busy host, a slow network) makes the next window start early, and its last requests get 429s.
 * So the window is re-anchored on the first answer to a request sent in it: that request arrived
 * after Discord's window opened and was answered after it arrived, so the window ends no earlier than
 * Discord's, whatever the delays, and the margin (DISCORD_PROXY_OFFSET_MS) has little left to cover.
 */
function anchoredOnAnswers(rest: () => REST): typeof DefaultRestOptions.makeRequest {
  let anchored = -1;
  return async (url, init) => {
    // @discordjs/rest counts a request in its window, then calls this at once: globalReset names that window.
    const sentIn = rest().globalReset;
    const answer = await DefaultRestOptions.makeRequest(url, init);
    if (rest().globalReset === sentIn && anchored !== sentIn && sentIn > Date.now()) {
      rest().globalReset = Math.max(sentIn, Date.now() + 1000);
      anchored = rest().globalReset;
    }
    return answer;
  };
}

/** One request through the shared queue: the caller's route, query, body and auth header. */
async function forward(rest: REST, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://proxy');
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  const headers: Record<string, string> = {};
  for (const name of ['content-type', 'authorization', 'x-audit-log-reason'] as const) {
    const value = req.headers[name];
    if (typeof value === 'string') headers[name] = value;
  }
  let failure: Error | undefined;
  try {
    const answer = await rest.queueRequest({
      fullRoute: url.pathname.replace(/^\/api(\/v\d+)?/, '') as `/${string}`,
      method: (req.method ?? 'GET') as RequestMethod,
      query: url.searchParams,
      body: body.length > 0 ? body : undefined,
      passThroughBody: true,
      auth: false,
      headers,
    });
    await populateSuccessfulResponse(res, answer);
  } catch (err) {
    if (err instanceof DiscordAPIError || err instanceof HTTPError) {
      res.statusCode = err.status;
      if (err instanceof DiscordAPIError) res.setHeader('content-type', 'application/json').write(JSON.stringify(err.rawError));
    } else if (err instanceof RateLimitError) {
      res.statusCode = 429;
      res.setHeader('retry-after', String(err.timeToReset / 1000));
    } else if (err instanceof Error && err.name === 'AbortError') {
      res.statusCode = 504;
    } else {
      res.statusCode = 502;
      res.setHeader('content-type', 'application/json').write(JSON.stringify({ message: 'Discord proxy: the request failed upstream', code: 0 }));
      failure = err instanceof Error ? err : new Error(`unexpected proxy failure: ${JSON.stringify(err)}`);
    }
  } finally {
    res.end();
  }
  // Answered already; the caller logs it.
  if (failure) throw failure;
}

// The program: npm run discord:proxy, or node dist/src/discord-proxy.js in the image.
startDiscordProxy(process.env).then(
  ({ close }) => {
    const stop = () => void close().then(() => process.exit(0));
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  },
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { AppError } from '../core/errors.js';
import type { Store } from '../core/store.js';
import type { Service } from '../service.js';

export interface HealthRoute {
  path: string;
  method: 'GET';
  handler: (req: IncomingMessage, res: ServerResponse) => void;
}

/** A store that can also say where its data lives (the embedded store's folder and size). */
type ReadinessSource = Pick<Store, 'ping'> & { storageInfo?: () => Promise<Record<string, unknown>> };

/**
 * /healthz: the process is up. /readyz: the store answers, and for the embedded store takes
 * writes (an orchestrator stops routing to a replica that cannot record answers); its body names
 * the data folder and its size. Served by our own server, or mounted on Bolt's as custom routes.
 */
export function healthRoutes(store: ReadinessSource): HealthRoute[] {
  const reply = (res: ServerResponse, status: number, body: object) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  return [
    { path: '/healthz', method: 'GET', handler: (_req, res) => reply(res, 200, { status: 'ok' }) },
    {
      path: '/readyz',
      method: 'GET',
      handler: (_req, res) => {
        const storage = () => store.storageInfo?.().then((s) => ({ storage: s }), () => ({})) ?? Promise.resolve({});
        withinDeadline(store.ping(), READY_DEADLINE_MS).then(
          async () => reply(res, 200, { status: 'ready', ...(await within(storage())) }),
          async (err: unknown) => reply(res, 503, { status: 'unavailable', dependency: 'store', reason: publicReason(err), ...(await within(storage())) }),
        );
      },
    },
  ];
}

/** /readyz answers within this, so an orchestrator's probe never times out on a hung store. */
export const READY_DEADLINE_MS = 1000;

function withinDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new AppError('STORE_UNAVAILABLE', `the store did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

const within = (p: Promise<object>) => withinDeadline(p, READY_DEADLINE_MS / 2).catch(() => ({}));

/** Our own words for what is down: an AppError's message, never a driver's. */
function publicReason(err: unknown): string {
  return err instanceof AppError ? err.message : 'the store did not answer';
}

/** A small HTTP server for the health routes when no platform brings its own server. */
export async function startHealthServer(port: number, routes: HealthRoute[], host = '0.0.0.0'): Promise<Service & { port: number }> {
  const server = createServer((req, res) => {
    const route = routes.find((r) => r.method === req.method && r.path === (req.url ?? '').split('?')[0]);
    if (route) return route.handler(req, res);
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  return {
    port: (server.address() as { port: number }).port,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

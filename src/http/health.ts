import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
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
        store.ping().then(
          async () => reply(res, 200, { status: 'ready', ...(await storage()) }),
          async (err: unknown) => reply(res, 503, { status: 'unavailable', reason: (err as Error).message, ...(await storage()) }),
        );
      },
    },
  ];
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

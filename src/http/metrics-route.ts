import type { HealthRoute } from './health.js';

/** GET /metrics in Prometheus' text format, served beside /healthz and /readyz. */
export function metricsRoute(metrics: { scrape(): Promise<{ contentType: string; body: string }> }): HealthRoute {
  return {
    path: '/metrics',
    method: 'GET',
    handler: (_req, res) => {
      metrics.scrape().then(
        ({ contentType, body }) => {
          res.writeHead(200, { 'content-type': contentType });
          res.end(body);
        },
        (err: unknown) => {
          res.writeHead(500, { 'content-type': 'text/plain' });
          res.end(`metrics failed: ${(err as Error).message}\n`);
        },
      );
    },
  };
}

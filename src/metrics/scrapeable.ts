import { noMetrics, type Metrics } from '../core/metrics.js';

/** Metrics that GET /metrics can read: Prometheus (src/metrics/prometheus.ts), or none at all. */
export interface ScrapeableMetrics extends Metrics {
  /** The exposition text and its content type. */
  scrape(): Promise<{ contentType: string; body: string }>;
}

/** For the console, which serves no /metrics: counts nothing and never loads prom-client. */
export const unscrapedMetrics: ScrapeableMetrics = {
  ...noMetrics,
  scrape: async () => ({ contentType: 'text/plain; version=0.0.4; charset=utf-8', body: '' }),
};

import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import type { Kysely } from 'kysely';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { poolUsage, type DB } from '@nexus/db';
import { readDeliveryStats } from '../modules/deliveries/deliveries.queries.js';

export interface Metrics {
  readonly registry: Registry;
  /** Times every request, labelled by route template (never the raw path: ids would explode the series). */
  readonly track: RequestHandler;
  /** `GET /metrics` in Prometheus' text format; plain Node types, so it serves on its own port too. */
  readonly serve: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
}

/**
 * The process's metrics per API.md: request latency by route and status, the pool, event-loop lag (with Node's
 * default metrics), the outbox backlog and delivery failures (read at scrape time, through their partial indexes),
 * and the catalogue cache's hits and misses. One registry per app, so tests and several apps never share series.
 */
export function createMetrics(db: Kysely<DB>): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'nexus_' });
  const requests = new Histogram({
    name: 'nexus_http_request_duration_seconds',
    help: 'HTTP requests by method, route template and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const cache = new Counter({
    name: 'nexus_catalogue_cache_requests_total',
    help: 'Cacheable catalogue reads by outcome (hit, miss)',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  new Gauge({
    name: 'nexus_catalogue_cache_hit_ratio',
    help: 'Share of cacheable catalogue reads served from the cache since start',
    registers: [registry],
    async collect() {
      const values = (await cache.get()).values;
      const count = (outcome: string) => values.find((value) => value.labels.outcome === outcome)?.value ?? 0;
      const total = count('hit') + count('miss');
      this.set(total ? count('hit') / total : 0);
    },
  });
  new Gauge({
    name: 'nexus_db_pool_connections',
    help: 'Database pool: connections open, idle, and callers waiting for one',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      const usage = poolUsage(db);
      if (!usage) return;
      this.set({ state: 'total' }, usage.total);
      this.set({ state: 'idle' }, usage.idle);
      this.set({ state: 'waiting' }, usage.waiting);
    },
  });
  const deliveries = new Gauge({
    name: 'nexus_deliveries',
    help: 'E-mails and webhook deliveries waiting or failing, by state',
    labelNames: ['channel', 'state'] as const,
    registers: [],
  });
  // Both from one query per scrape: the backlog's collect sets the deliveries too, so they are registered after it.
  new Gauge({
    name: 'nexus_outbox_undispatched_events',
    help: 'Events written and not yet handed on by a worker (growing: no worker runs)',
    registers: [registry],
    async collect() {
      const stats = await readDeliveryStats(db);
      this.set(stats.events.undispatched);
      for (const channel of ['mail', 'webhooks'] as const) {
        for (const state of ['pending', 'failed', 'dead'] as const) {
          deliveries.set({ channel, state }, stats[channel][state]);
        }
      }
    },
  });
  registry.registerMetric(deliveries);

  return {
    registry,
    track: (req, res, next) => {
      const stop = requests.startTimer({ method: req.method });
      res.on('finish', () => {
        const route = req.route ? `${req.baseUrl}${String(req.route.path)}` : 'unmatched';
        stop({ route, status: String(res.statusCode) });
        const outcome = res.getHeader('X-Cache');
        if (outcome === 'hit' || outcome === 'miss') cache.inc({ outcome });
      });
      next();
    },
    serve: async (_req, res) => {
      try {
        const text = await registry.metrics();
        res.setHeader('Content-Type', registry.contentType);
        res.setHeader('Cache-Control', 'no-store');
        res.end(text);
      } catch {
        // The database does not answer (the backlog gauges need it): say so, as readiness does.
        res.statusCode = 503;
        res.setHeader('Content-Type', 'text/plain');
        res.end('metrics unavailable: the database does not answer');
      }
    },
  };
}

/** `/metrics` alone on its own port (METRICS_PORT), so the public port need not expose it. */
export async function listenForMetrics(metrics: Metrics, port: number, host: string): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    if (req.method === 'GET' && req.url?.split('?')[0] === '/metrics') {
      void metrics.serve(req, res);
      return;
    }
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Only /metrics here');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  return server;
}

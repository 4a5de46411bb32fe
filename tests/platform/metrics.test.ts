import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listenForMetrics } from '../../server/src/http/metrics.js';
import { createStockedProduct, signUpAdmin } from '../support/fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ RESPONSE_CACHE: 'memory' });
});
afterAll(() => app.close());

/** The value of one sample line (`name{labels} value`), or undefined when there is none. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('/metrics', () => {
  it('counts requests by route template and status, and the catalogue cache by outcome', async () => {
    const admin = await signUpAdmin(app);
    const product = await createStockedProduct(admin, { stock: 3 });
    for (let i = 0; i < 3; i++) expect((await app.fetch(`/api/v1/products/${product.id}`)).status).toBe(200);
    expect((await app.fetch('/api/v1/products/3c9a1f0e-7b2d-4e8f-a1b2-c3d4e5f60718')).status).toBe(404);

    const response = await app.fetch('/metrics');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    const detail = 'nexus_http_request_duration_seconds_count{method="GET",route="/api/v1/products/:id"';
    expect(sample(text, `${detail},status="200"}`)).toBe(3);
    expect(sample(text, `${detail},status="404"}`)).toBe(1);
    // Ids never become labels: one series per route, whatever was asked for.
    expect(text).not.toContain(product.id);
    expect(sample(text, 'nexus_catalogue_cache_requests_total{outcome="hit"}')).toBeGreaterThanOrEqual(2);
    expect(sample(text, 'nexus_catalogue_cache_requests_total{outcome="miss"}')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'nexus_catalogue_cache_hit_ratio')).toBeGreaterThan(0);
  });

  it('shows the pool, event-loop lag, the outbox backlog and failing deliveries', async () => {
    await app.db
      .insertInto('events')
      .values({ type: 'user.registered', resource_id: crypto.randomUUID(), data: '{}' })
      .execute();
    const text = await (await app.fetch('/metrics')).text();
    expect(sample(text, 'nexus_db_pool_connections{state="total"}')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'nexus_db_pool_connections{state="waiting"}')).toBe(0);
    expect(sample(text, 'nexus_nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0);
    const undispatched = await app.db
      .selectFrom('events')
      .where('dispatched_at', 'is', null)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(sample(text, 'nexus_outbox_undispatched_events')).toBe(Number(undispatched.n));
    expect(sample(text, 'nexus_deliveries{channel="webhooks",state="dead"}')).toBe(0);
  });

  it('moves to METRICS_PORT when that is set, leaving the public port without it', async () => {
    const privateMetrics = await startTestApp({ METRICS_PORT: '9' });
    const server = await listenForMetrics(privateMetrics.nexus.metrics, 0, '127.0.0.1');
    try {
      expect((await privateMetrics.fetch('/metrics')).status).toBe(404);
      const port = (server.address() as AddressInfo).port;
      const scraped = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(scraped.status).toBe(200);
      expect(await scraped.text()).toContain('nexus_http_request_duration_seconds');
      expect((await fetch(`http://127.0.0.1:${port}/api/v1/products`)).status).toBe(404);
    } finally {
      server.close();
      await privateMetrics.close();
    }
  });
});

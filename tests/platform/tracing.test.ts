import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SpanKind } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
// Nothing here may load express, pg or the app before tracing starts: the instrumentations patch them as they load.
import { redactEndpoint, startTracing, type Tracing } from '../../server/src/telemetry/tracing.js';
import type { TestApp } from '../support/test-app.js';

const exporter = new InMemorySpanExporter();
let tracing: Tracing;
beforeAll(async () => {
  tracing = startTracing({ serviceName: 'nexus-api', exporter });
});
afterAll(() => tracing.shutdown());

/** Runs `requests` against a fresh app and returns every span they made, each one ended (the app is closed first). */
async function traced(
  requests: (app: TestApp) => Promise<void>,
  env: Record<string, string> = {},
): Promise<ReadableSpan[]> {
  const { startTestApp } = await import('../support/test-app.js');
  const app = await startTestApp(env);
  // Whatever an earlier test left in the batch (one that failed before flushing) is not this test's.
  await tracing.flush();
  exporter.reset();
  try {
    await requests(app);
  } finally {
    await app.close();
  }
  await tracing.flush();
  return exporter.getFinishedSpans();
}

function serverSpan(spans: ReadableSpan[], name: string): ReadableSpan {
  const found = spans.filter((span) => span.kind === SpanKind.SERVER && span.name === name);
  expect(found, `one server span named ${name}`).toHaveLength(1);
  return found[0]!;
}

/** The spans below `root` (children, their children, …). */
function descendants(spans: ReadableSpan[], root: ReadableSpan): ReadableSpan[] {
  const byId = new Map(spans.map((span) => [span.spanContext().spanId, span]));
  return spans.filter((span) => {
    for (let parent = span.parentSpanContext?.spanId; parent; parent = byId.get(parent)?.parentSpanContext?.spanId) {
      if (parent === root.spanContext().spanId) return true;
    }
    return false;
  });
}

const fromScope = (scope: string) => (span: ReadableSpan) => span.instrumentationScope.name === scope;
/** The SQL of a pg span (the attribute's name depends on the semantic conventions in use). */
const statementOf = (span: ReadableSpan) => String(span.attributes['db.statement'] ?? span.attributes['db.query.text']);

describe('traces (OpenTelemetry)', () => {
  it('makes one request one trace: the HTTP server span, with the Express route and the SQL beneath it', async () => {
    const spans = await traced(async (app) => {
      expect((await app.fetch('/api/v1/products?page_size=5')).status).toBe(200);
    });
    const root = serverSpan(spans, 'GET /api/v1/products');
    expect(root.parentSpanContext).toBeUndefined();
    expect(root.resource.attributes['service.name']).toBe('nexus-api');
    const below = descendants(spans, root);
    expect(below.every((span) => span.spanContext().traceId === root.spanContext().traceId)).toBe(true);

    const express = below.filter(fromScope('@opentelemetry/instrumentation-express'));
    expect(express.map((span) => span.name)).toContain('request handler - /api/v1/products');
    const queries = below
      .filter(fromScope('@opentelemetry/instrumentation-pg'))
      .filter((span) => span.kind === SpanKind.CLIENT);
    expect(queries.map(statementOf).some((statement) => /from "products"/i.test(statement))).toBe(true);
    // The SQL runs inside the route handler's span, not beside it.
    const handler = express.find((span) => span.name === 'request handler - /api/v1/products')!;
    expect(queries.every((span) => descendants(spans, handler).includes(span))).toBe(true);
  });

  it('keeps bound values out of SQL spans: the search runs with a placeholder where its words go', async () => {
    // One word: the search becomes the bound tsquery `tracingsecretword:*`, which still contains it.
    const spans = await traced(async (app) => {
      expect((await app.fetch('/api/v1/products?search=tracingsecretword')).status).toBe(200);
    });
    const queries = spans.filter(fromScope('@opentelemetry/instrumentation-pg'));
    const searchCondition = /search_vector @@ to_tsquery\('nexus_search', \$\d+\)/;
    expect(queries.map(statementOf).some((statement) => searchCondition.test(statement))).toBe(true);
    expect(JSON.stringify(queries.map((span) => span.attributes))).not.toContain('tracingsecretword');
  });

  it("joins the trace of an incoming traceparent, the caller's span its parent", async () => {
    const [traceId, parentId] = [randomBytes(16).toString('hex'), randomBytes(8).toString('hex')];
    const spans = await traced(async (app) => {
      const headers = { traceparent: `00-${traceId}-${parentId}-01` };
      expect((await app.fetch('/api/v1/products', { headers })).status).toBe(200);
    });
    const root = serverSpan(spans, 'GET /api/v1/products');
    expect(root.spanContext().traceId).toBe(traceId);
    expect(root.parentSpanContext?.spanId).toBe(parentId);
  });

  it('sends traceparent with a webhook delivery: the trace and id of its HTTP client span', async () => {
    const traceparents: string[] = [];
    const receiver = http.createServer((req, res) => {
      if (req.headers['x-nexus-event'] === 'order.placed') traceparents.push(String(req.headers.traceparent));
      req.resume().on('end', () => res.end('ok'));
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const { startWorker } = await import('@nexus/server');
    const { pendingOrder, signUpAdmin } = await import('../support/fixtures.js');
    try {
      const spans = await traced(
        async (app) => {
          const admin = await signUpAdmin(app);
          const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
          await admin.client.webhooks.create({ body: { url, events: ['order.placed'] } });
          const worker = await startWorker(app.nexus.deps, app.databaseUrl);
          try {
            await pendingOrder(app, admin);
            await vi.waitFor(() => expect(traceparents).toHaveLength(1), { timeout: 15_000, interval: 100 });
          } finally {
            await worker.stop();
          }
        },
        { WEBHOOKS_ALLOW_PRIVATE: 'true' },
      );
      const [, traceId, spanId, flags] = /^00-([0-9a-f]{32})-([0-9a-f]{16})-(0[01])$/.exec(traceparents[0]!) ?? [];
      expect(flags).toBe('01');
      const client = spans.find((span) => span.spanContext().spanId === spanId);
      expect(client).toMatchObject({ kind: SpanKind.CLIENT, name: 'POST' });
      expect(client!.spanContext().traceId).toBe(traceId);
    } finally {
      receiver.closeAllConnections();
      await new Promise((resolve) => receiver.close(resolve));
    }
  }, 60_000);

  it('answers malformed input 400 as before, and traces it with that status', async () => {
    const spans = await traced(async (app) => {
      const response = await app.fetch('/api/v1/auth/register', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"email": ',
      });
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
    });
    const root = spans.find((span) => span.kind === SpanKind.SERVER)!;
    expect(root.attributes['http.status_code'] ?? root.attributes['http.response.status_code']).toBe(400);
  });

  it("leaves the collector's credentials, query and fragment out of the endpoint it logs", () => {
    expect(redactEndpoint('https://tenant:s3cret@otlp.example.com:4318/base?api_key=k3y#x')).toBe(
      'https://otlp.example.com:4318/base',
    );
    expect(redactEndpoint('http://localhost:4318')).toBe('http://localhost:4318/');
  });

  it('leaves health checks and metrics scrapes untraced', async () => {
    const spans = await traced(async (app) => {
      for (const path of ['/healthz', '/readyz', '/metrics']) expect((await app.fetch(path)).status).toBe(200);
    });
    expect(spans.filter((span) => span.kind === SpanKind.SERVER).map((span) => span.name)).toEqual([]);
  });
});

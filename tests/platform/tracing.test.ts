import { SpanKind } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// Nothing here may load express, pg or the app before tracing starts: the instrumentations patch them as they load.
import { startTracing, type Tracing } from '../../server/src/telemetry/tracing.js';
import type { TestApp } from '../support/test-app.js';

const exporter = new InMemorySpanExporter();
let tracing: Tracing;
beforeAll(async () => {
  tracing = startTracing({ serviceName: 'nexus-api', exporter });
});
afterAll(() => tracing.shutdown());

/** Runs `requests` against a fresh app and returns every span they made, each one ended (the app is closed first). */
async function traced(requests: (app: TestApp) => Promise<void>): Promise<ReadableSpan[]> {
  const { startTestApp } = await import('../support/test-app.js');
  const app = await startTestApp();
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

describe('traces (OpenTelemetry)', () => {
  it('makes one request one trace: the HTTP server span, with the Express route and the SQL beneath it', async () => {
    const spans = await traced(async (app) => {
      expect((await app.fetch('/api/v1/products?limit=5')).status).toBe(200);
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
    const statements = queries.map((span) =>
      String(span.attributes['db.statement'] ?? span.attributes['db.query.text']),
    );
    expect(statements.some((statement) => /from "products"/i.test(statement))).toBe(true);
    // The SQL runs inside the route handler's span, not beside it.
    const handler = express.find((span) => span.name === 'request handler - /api/v1/products')!;
    expect(queries.every((span) => descendants(spans, handler).includes(span))).toBe(true);
  });

  it('keeps bound values out of SQL spans', async () => {
    const spans = await traced(async (app) => {
      expect((await app.fetch('/api/v1/products?q=tracing-secret-word')).status).toBe(200);
    });
    const queries = spans.filter(fromScope('@opentelemetry/instrumentation-pg'));
    expect(queries.length).toBeGreaterThan(0);
    expect(JSON.stringify(queries.map((span) => span.attributes))).not.toContain('tracing-secret-word');
  });

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

  it('leaves health checks and metrics scrapes untraced', async () => {
    const spans = await traced(async (app) => {
      for (const path of ['/healthz', '/readyz', '/metrics']) expect((await app.fetch(path)).status).toBe(200);
    });
    expect(spans.filter((span) => span.kind === SpanKind.SERVER).map((span) => span.name)).toEqual([]);
  });
});

import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnServer } from '../support/spawn-server.js';
import { cloneTemplateDatabase } from '../support/test-app.js';

// The server entry (server/src/main.ts) as `pnpm start` runs it, with an OTLP/HTTP collector of our own.

interface OtlpSpan {
  service: string;
  scope: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
}
const OTLP_SPAN_KIND_SERVER = 2;
const OTLP_SPAN_KIND_CLIENT = 3;

interface OtlpBody {
  resourceSpans: {
    resource: { attributes: { key: string; value: { stringValue?: string } }[] };
    scopeSpans: { scope: { name: string }; spans: Omit<OtlpSpan, 'service' | 'scope'>[] }[];
  }[];
}

const collected: { path: string; spans: OtlpSpan[] }[] = [];
const collector = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const raw = Buffer.concat(chunks);
    const body = JSON.parse(
      (req.headers['content-encoding'] === 'gzip' ? zlib.gunzipSync(raw) : raw).toString(),
    ) as OtlpBody;
    const spans = body.resourceSpans.flatMap(({ resource, scopeSpans }) => {
      const service = resource.attributes.find((attribute) => attribute.key === 'service.name')?.value.stringValue;
      return scopeSpans.flatMap(({ scope, spans }) =>
        spans.map((span) => ({ ...span, service: service ?? '', scope: scope.name })),
      );
    });
    collected.push({ path: req.url ?? '', spans });
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
});
let collectorUrl: string;
let database: Awaited<ReturnType<typeof cloneTemplateDatabase>>;
let logDir: string;
const moduleLogPreload = pathToFileURL(path.resolve(import.meta.dirname, '../support/module-log.mjs')).href;

beforeAll(async () => {
  await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
  collectorUrl = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
  database = await cloneTemplateDatabase();
  logDir = await mkdtemp(path.join(os.tmpdir(), 'nexus-tracing-'));
});
afterAll(async () => {
  collector.close();
  await database?.drop();
  await rm(logDir, { recursive: true, force: true });
});

/** Starts the server entry with `env`, makes one catalogue request, stops it with SIGTERM; what it loaded, in order. */
async function runServer(env: Record<string, string>): Promise<{ modules: string[]; code: number | null }> {
  const moduleLog = path.join(logDir, `${crypto.randomUUID()}.log`);
  const server = await spawnServer({
    DATABASE_URL: database.url,
    SEED_DEMO_DATA: 'false',
    NODE_OPTIONS: `--import=${moduleLogPreload}`,
    MODULE_LOG: moduleLog,
    ...env,
  });
  let status: number;
  try {
    status = (await fetch(`${server.baseUrl}/api/v1/products?limit=3`)).status;
  } finally {
    await server.stop();
  }
  expect(status).toBe(200);
  const { code } = await server.exited;
  const modules = (await readFile(moduleLog, 'utf8').catch(() => '')).split('\n').filter(Boolean);
  return { modules, code };
}

// prom-client (the /metrics registry) loads @opentelemetry/api for exemplars whatever we do: without an SDK it is
// inert, so anything else counts: the SDK, exporters, instrumentations and the hooks that patch modules.
const isTracing = (module: string) => /@opentelemetry[/\\](?!api([/\\]|$))|-in-the-middle/.test(module);
const isExpress = (module: string) => /[/\\]express[/\\]|^express$/.test(module);

describe('traces from the server entry', () => {
  it('with OTEL_EXPORTER_OTLP_ENDPOINT set, instruments before express loads and sends the spans, the last on SIGTERM', async () => {
    collected.length = 0;
    const { modules, code } = await runServer({
      OTEL_EXPORTER_OTLP_ENDPOINT: collectorUrl,
      OTEL_SERVICE_NAME: '',
      // Nothing leaves on the batch timer within this test: only the flush on SIGTERM can deliver the spans.
      OTEL_BSP_SCHEDULE_DELAY: '600000',
    });
    expect(code).toBe(0);
    expect(modules.some(isTracing)).toBe(true);
    const firstInstrumentation = modules.findIndex((module) =>
      /@opentelemetry[/\\]instrumentation-express/.test(module),
    );
    expect(firstInstrumentation).toBeGreaterThanOrEqual(0);
    expect(modules.findIndex(isExpress)).toBeGreaterThan(firstInstrumentation);

    // Sent by the flush on SIGTERM, before the process exited.
    expect(collected.map((batch) => batch.path)).toContain('/v1/traces');
    const spans = collected.flatMap((batch) => batch.spans);
    const root = spans.find((span) => span.kind === OTLP_SPAN_KIND_SERVER && span.name === 'GET /api/v1/products');
    expect(root).toBeDefined();
    expect(root!.service).toBe('nexus-api');
    const inTrace = spans.filter((span) => span.traceId === root!.traceId);
    const byId = new Map(inTrace.map((span) => [span.spanId, span]));
    const below = (span: OtlpSpan) => {
      for (let parent = span.parentSpanId; parent; parent = byId.get(parent)?.parentSpanId) {
        if (parent === root!.spanId) return true;
      }
      return false;
    };
    expect(
      inTrace
        .filter(below)
        .some((span) => span.scope === '@opentelemetry/instrumentation-express' && /products/.test(span.name)),
    ).toBe(true);
    expect(
      inTrace
        .filter(below)
        .some((span) => span.scope === '@opentelemetry/instrumentation-pg' && span.kind === OTLP_SPAN_KIND_CLIENT),
    ).toBe(true);
  });

  it('with OTEL_EXPORTER_OTLP_ENDPOINT unset, loads no OpenTelemetry SDK, instrumentation or module hook', async () => {
    const { modules, code } = await runServer({ OTEL_EXPORTER_OTLP_ENDPOINT: '' });
    expect(code).toBe(0);
    // The log did see the app load: what it lacks, the process never loaded.
    expect(modules.some(isExpress)).toBe(true);
    expect(modules.filter(isTracing)).toEqual([]);
  });

  it('patches express even when it is reached through an ESM import alone, which require hooks never see', async () => {
    const tsx = path.resolve(import.meta.dirname, '../../node_modules/.bin/tsx');
    const { stdout } = await promisify(execFile)(
      tsx,
      ['--conditions=@nexus/source', 'fixtures/tracing-esm.fixture.ts'],
      {
        cwd: import.meta.dirname,
      },
    );
    expect(JSON.parse(stdout) as string[]).toEqual(
      expect.arrayContaining(['GET /things', 'request handler - /things']),
    );
  });
});

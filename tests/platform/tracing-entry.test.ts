import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { killProcessGroup, spawnServer, type SpawnedServer } from '../support/spawn-server.js';
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

const collected: { path: string; authorization?: string; spans: OtlpSpan[] }[] = [];
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
    collected.push({ path: req.url ?? '', authorization: req.headers.authorization, spans });
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
// A server a test started is killed with its process group after the test, even one that timed out halfway (one
// that is still starting kills itself once spawnServer's 60 s readiness wait, shorter than any test here, runs out).
const started = new Set<SpawnedServer>();
afterEach(() => {
  for (const server of started) killProcessGroup(server.child);
  started.clear();
});
afterAll(async () => {
  collector.close();
  await database?.drop();
  await rm(logDir, { recursive: true, force: true });
});

/** Starts the server entry with `env` on the test's database, logging the modules it loads to `moduleLog`. */
async function startServer(env: Record<string, string>, moduleLog = ''): Promise<SpawnedServer> {
  const server = await spawnServer({
    DATABASE_URL: database.url,
    SEED_DEMO_DATA: 'false',
    NODE_OPTIONS: `--import=${moduleLogPreload}`,
    MODULE_LOG: moduleLog,
    ...env,
  });
  started.add(server);
  return server;
}

/** Starts the server entry with `env`, makes one catalogue request, stops it with SIGTERM; what it loaded, in order. */
async function runServer(
  env: Record<string, string>,
): Promise<{ modules: string[]; code: number | null; output: string }> {
  const moduleLog = path.join(logDir, `${crypto.randomUUID()}.log`);
  const server = await startServer(env, moduleLog);
  let status: number;
  try {
    status = (await fetch(`${server.baseUrl}/api/v1/products?page_size=3`)).status;
  } finally {
    await server.stop();
  }
  expect(status).toBe(200);
  const { code } = await server.exited;
  const modules = (await readFile(moduleLog, 'utf8').catch(() => '')).split('\n').filter(Boolean);
  return { modules, code, output: server.output() };
}

/** The JSON log lines of `output` whose message is `msg`. */
const logLines = (output: string, msg: string) =>
  output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((line) => line.msg === msg);

// prom-client (the /metrics registry) loads @opentelemetry/api for exemplars whatever we do: without an SDK it is
// inert, so anything else counts: the SDK, exporters, instrumentations and the hooks that patch modules.
const isTracing = (module: string) => /@opentelemetry[/\\](?!api([/\\]|$))|-in-the-middle/.test(module);
const isExpress = (module: string) => /[/\\]express[/\\]|^express$/.test(module);

describe('traces from the server entry', () => {
  it('with OTEL_EXPORTER_OTLP_ENDPOINT set, instruments before express loads and sends the spans, the last on SIGTERM', async () => {
    collected.length = 0;
    const { modules, code, output } = await runServer({
      // Basic auth to the collector, as a hosted one may want: sent with every export, never logged.
      OTEL_EXPORTER_OTLP_ENDPOINT: collectorUrl.replace('//', '//nexus:collector-s3cret@'),
      OTEL_SERVICE_NAME: '',
      // Nothing leaves on the batch timer within this test: only the flush on SIGTERM can deliver the spans.
      OTEL_BSP_SCHEDULE_DELAY: '600000',
    });
    expect(code).toBe(0);
    expect(logLines(output, 'tracing')).toMatchObject([{ endpoint: `${collectorUrl}/`, service: 'nexus-api' }]);
    expect(output).not.toContain('collector-s3cret');
    expect(modules.some(isTracing)).toBe(true);
    const firstInstrumentation = modules.findIndex((module) =>
      /@opentelemetry[/\\]instrumentation-express/.test(module),
    );
    expect(firstInstrumentation).toBeGreaterThanOrEqual(0);
    expect(modules.findIndex(isExpress)).toBeGreaterThan(firstInstrumentation);

    // Sent by the flush on SIGTERM, before the process exited.
    expect(collected.map((batch) => batch.path)).toContain('/v1/traces');
    const basicAuth = `Basic ${Buffer.from('nexus:collector-s3cret').toString('base64')}`;
    expect(new Set(collected.map((batch) => batch.authorization))).toEqual(new Set([basicAuth]));
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
  }, 90_000);

  it('with OTEL_EXPORTER_OTLP_ENDPOINT unset, loads no OpenTelemetry SDK, instrumentation or module hook', async () => {
    const { modules, code } = await runServer({ OTEL_EXPORTER_OTLP_ENDPOINT: '' });
    expect(code).toBe(0);
    // The log did see the app load: what it lacks, the process never loaded.
    expect(modules.some(isExpress)).toBe(true);
    expect(modules.filter(isTracing)).toEqual([]);
  }, 90_000);

  it('shares one SHUTDOWN_TIMEOUT between the drain and the last spans: a collector that hangs gets 1 s past a drain that used it all', async () => {
    // Accepts the export and never answers.
    const hanging = http.createServer(() => {});
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
    const socket = new net.Socket().on('error', () => {});
    try {
      const server = await startServer({
        OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${(hanging.address() as AddressInfo).port}`,
        OTEL_BSP_SCHEDULE_DELAY: '600000',
        // The exporter's own give-up comes too late to matter: only the shutdown budget ends the wait.
        OTEL_EXPORTER_OTLP_TIMEOUT: '60000',
        SHUTDOWN_TIMEOUT: '3s',
      });
      // Spans for the flush to send.
      expect((await fetch(`${server.baseUrl}/api/v1/products`)).status).toBe(200);
      // A registration whose body never comes holds the drain until SHUTDOWN_TIMEOUT cuts it off.
      await new Promise<void>((resolve) => socket.connect(Number(new URL(server.baseUrl).port), '127.0.0.1', resolve));
      socket.write(
        'POST /api/v1/auth/register HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"email"',
      );
      await new Promise((resolve) => setTimeout(resolve, 200));

      const { code } = await server.stop();
      expect(code).toBe(0);
      expect(logLines(server.output(), 'shutdown timeout: closing remaining connections')).toHaveLength(1);
      // The drain used the whole budget, so the spans get the floor (1 s), not a second SHUTDOWN_TIMEOUT; no clock
      // is read here: the budget is what the server computed and logged.
      expect(logLines(server.output(), 'shutdown timeout: the last spans may be lost')).toMatchObject([
        { waited_ms: 1000 },
      ]);
    } finally {
      socket.destroy();
      hanging.closeAllConnections();
      hanging.close();
    }
  }, 90_000);

  it('patches express even when it is reached through an ESM import alone, which require hooks never see', async () => {
    const tsx = path.resolve(import.meta.dirname, '../../node_modules/.bin/tsx');
    const { stdout } = await promisify(execFile)(
      tsx,
      ['--conditions=@nexus/source', 'fixtures/tracing-esm.fixture.ts'],
      // Ended (tsx relays the SIGTERM to the fixture) before the test's own timeout.
      { cwd: import.meta.dirname, timeout: 50_000 },
    );
    expect(JSON.parse(stdout) as string[]).toEqual(
      expect.arrayContaining(['GET /things', 'request handler - /things']),
    );
  }, 60_000);
});

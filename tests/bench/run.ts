// pnpm bench [--duration 10] [--warmup 3] [--connections 32] [--workers 1] [--pool 10] [--only search] [--modes api,redis,nocache,floor,commerce]
// Drives the API (production mode, with and without the response cache) and the floor with autocannon at
// fixed concurrency, one scenario at a time, against the database that `pnpm db:generate` filled
// (DATABASE_URL, or the embedded database under .data). Writes a JSON and a markdown report to reports/.
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { createDb } from '@nexus/db';
import { startApi } from './api-process.js';
import { loadConfig, loadDotEnv } from '../../server/src/config.js';
import { openDatabase } from '../../server/src/server.js';
import { startFloorServer } from './floor-server.js';
import { buildScenarios, type Scenario } from './scenarios.js';
import { runCommerce, type CommerceMeasurement } from './commerce.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    connections: { type: 'string', default: '32' },
    workers: { type: 'string', default: '1' },
    pool: { type: 'string', default: '10' },
    only: { type: 'string' },
    modes: { type: 'string', default: 'api,nocache,floor,commerce' },
  },
});
const duration = Number(values.duration);
const apiOptions = { pool: values.pool, workers: values.workers };
const connections = Number(values.connections);

interface Measurement {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

async function measure(url: string, scenario: Scenario, ids: string[], seconds: number): Promise<Measurement> {
  let next = 0;
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    method: scenario.method,
    headers: { 'content-type': 'application/json' },
    requests: [
      {
        setupRequest: (request) => ({
          ...request,
          path: scenario.path.replace(':id', ids[(next += 1) % ids.length]!),
          ...(scenario.body ? { body: scenario.body() } : {}),
        }),
      },
    ],
  });
  return {
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    // A window in which no request completed must not read as clean: its in-flight requests count as errors.
    errors: result.errors + result.timeouts + result.non2xx + (result.requests.total === 0 ? connections : 0),
  };
}

// The same database the server and `pnpm db:generate` use: DATABASE_URL, or the embedded default.
loadDotEnv();
const { url: databaseUrl, embedded } = await openDatabase(loadConfig(process.env).config);
const db = createDb({ connectionString: databaseUrl, max: 2 });
const report: Record<string, Partial<Record<'api' | 'apiRedis' | 'apiNoCache' | 'floor', Measurement>>> = {};
try {
  const products = Number((await sql<{ n: string }>`select count(*) as n from products`.execute(db)).rows[0]!.n);
  if (products < 10_000)
    throw new Error(`only ${products} products: run \`pnpm db:generate --products 1000000\` first`);
  const department = (
    await db
      .selectFrom('categories')
      .select('slug')
      .where('parent_id', 'is', null)
      .orderBy('slug')
      .executeTakeFirstOrThrow()
  ).slug;
  const ids = (
    await sql<{ id: string }>`select id from products tablesample bernoulli (1) repeatable (42) limit 1000`.execute(db)
  ).rows.map((r) => r.id);

  const api = await startApi(databaseUrl, 'memory', apiOptions);
  const email = `bench-login-${Date.now()}@example.com`;
  await fetch(`${api.url}/api/v1/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'correct horse battery', first_name: 'Bench', last_name: 'Login' }),
  });
  const page499 = (await (await fetch(`${api.url}/api/v1/products?page=499`)).json()) as {
    next_cursor: string;
    results: Array<{ id: string; created_at: string }>;
  };
  const last = page499.results.at(-1)!;
  const deepPosition = { value: last.created_at, id: last.id };
  const deepCursor = page499.next_cursor;
  const scenarios = buildScenarios(db, {
    department,
    deepCursor,
    deepPosition,
    productIds: ids,
    loginEmail: email,
    loginPassword: 'correct horse battery',
  }).filter((s) => !values.only || s.name.includes(values.only));

  // Every server is started first and each scenario is measured on all of them back to back, so the columns of
  // one row come from the same few seconds of this shared machine and their ratios mean something.
  const modes = new Set(values.modes.split(','));
  const floorName = (s: Scenario) => s.name.replace(/\W+/g, '-');
  const targets: Array<{
    label: 'api' | 'apiRedis' | 'apiNoCache' | 'floor';
    url: string;
    pathFor: (s: Scenario) => string | undefined;
    stop: () => Promise<void>;
  }> = [];
  if (modes.has('api')) targets.push({ label: 'api', url: api.url, pathFor: (s) => s.path, stop: () => api.stop() });
  else await api.stop();
  if (modes.has('redis')) {
    const apiRedis = await startApi(databaseUrl, 'redis', apiOptions);
    targets.push({ label: 'apiRedis', url: apiRedis.url, pathFor: (s) => s.path, stop: () => apiRedis.stop() });
  }
  if (modes.has('nocache')) {
    const apiNoCache = await startApi(databaseUrl, 'off', apiOptions);
    targets.push({ label: 'apiNoCache', url: apiNoCache.url, pathFor: (s) => s.path, stop: () => apiNoCache.stop() });
  }
  if (modes.has('floor')) {
    const floor = await startFloorServer(
      databaseUrl,
      Object.fromEntries(scenarios.filter((s) => s.floor).map((s) => [floorName(s), s.floor!])),
      Number(values.pool) * Number(values.workers),
    );
    targets.push({
      label: 'floor',
      url: floor.url,
      pathFor: (s) => (s.floor ? `/floor/${floorName(s)}${s.path.includes(':id') ? '/:id' : ''}` : undefined),
      stop: () => floor.close(),
    });
  }
  for (const scenario of scenarios) {
    for (const { label, url, pathFor } of targets) {
      const path = pathFor(scenario);
      if (!path) continue;
      const target = { ...scenario, path };
      await measure(url, target, ids, Number(values.warmup));
      const result = await measure(url, target, ids, duration);
      (report[scenario.name] ??= {})[label] = result;
      console.log(
        `${label.padEnd(10)} ${scenario.name.padEnd(42)} ${String(result.rps).padStart(6)} req/s  p50 ${result.p50} ms  p99 ${result.p99} ms  errors ${result.errors}`,
      );
    }
  }
  for (const { stop } of targets) await stop();

  let commerce: Record<string, CommerceMeasurement> = {};
  if (modes.has('commerce')) {
    const shop = await startApi(databaseUrl, 'memory', apiOptions);
    commerce = await runCommerce(shop.url, db, {
      connections,
      seconds: duration,
      warmup: Number(values.warmup),
      only: values.only,
    });
    await shop.stop();
  }

  const meta = {
    date: new Date().toISOString(),
    products,
    machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
    postgres: (await sql<{ v: string }>`select version() as v`.execute(db)).rows[0]!.v.split(',')[0],
    connections,
    duration_s: duration,
    workers: Number(values.workers),
    pool_per_worker: Number(values.pool),
  };
  const cell = (m?: Measurement) => (m ? `${m.rps} | ${m.p50} | ${m.p99} | ${m.errors}` : '– | – | – | –');
  const ratio = (a?: Measurement, b?: Measurement) => (a && b ? `${Math.round((100 * a.rps) / b.rps)} %` : '–');
  const markdown = [
    `Run ${meta.date}: ${meta.products.toLocaleString('en')} products; ${meta.machine}; ${meta.postgres}; ${connections} connections, ${duration} s per scenario; API: ${meta.workers} worker${meta.workers === 1 ? '' : 's'} × pool ${meta.pool_per_worker}, load generator on the same machine.`,
    '',
    ...(modes.has('redis')
      ? [
          '',
          '| scenario | Redis cache req/s | p50 ms | p99 ms | errors | in-process cache req/s | p50 ms | p99 ms | errors |',
          '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
          ...Object.entries(report).map(([name, r]) => `| ${name} | ${cell(r.apiRedis)} | ${cell(r.api)} |`),
          '',
        ]
      : []),
    '| scenario | API req/s | p50 ms | p99 ms | errors | no-cache req/s | p50 ms | p99 ms | errors | floor req/s | p50 ms | p99 ms | errors | API / floor | no-cache / floor |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...Object.entries(report).map(
      ([name, r]) =>
        `| ${name} | ${cell(r.api)} | ${cell(r.apiNoCache)} | ${cell(r.floor)} | ${ratio(r.api, r.floor)} | ${ratio(r.apiNoCache, r.floor)} |`,
    ),
    ...(Object.keys(commerce).length
      ? [
          '',
          '| commerce scenario | req/s | p50 ms | p99 ms | errors | expected 409s | cache hit rate |',
          '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
          ...Object.entries(commerce).map(
            ([name, c]) =>
              `| ${name} | ${c.rps} | ${c.p50} | ${c.p99} | ${c.errors} | ${c.expected409} | ${c.hitRate === undefined ? '–' : `${(100 * c.hitRate).toFixed(1)} %`} |`,
          ),
        ]
      : []),
  ].join('\n');
  const dir = path.join(here, 'reports');
  await mkdir(dir, { recursive: true });
  const stamp = meta.date.replace(/[:.]/g, '-');
  await writeFile(
    path.join(dir, `bench-${stamp}.json`),
    `${JSON.stringify({ meta, results: report, commerce }, null, 2)}\n`,
  );
  await writeFile(path.join(dir, `bench-${stamp}.md`), `${markdown}\n`);
  console.log(`\n${markdown}\n\nReport: tests/bench/reports/bench-${stamp}.{json,md}`);
} finally {
  await db.destroy();
  await embedded?.stop();
}

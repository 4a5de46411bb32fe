// pnpm bench:overload [--duration 10] [--connections 200] [--pool 10]: the API under more heavy searches than it
// can run at once, at 1M products (uncached: RESPONSE_CACHE=off), while product details and /readyz are probed.
// Shows whether overload is shed early (503 + Retry-After) and whether cheap reads and health stay responsive.
import os from 'node:os';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { createDb } from '@nexus/db';
import { loadConfig, loadDotEnv } from '../../server/src/config.js';
import { openDatabase } from '../../server/src/server.js';
import { startApi } from './api-process.js';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '200' },
    pool: { type: 'string', default: '10' },
    search: { type: 'string', default: 'durable' },
  },
});
const seconds = Number(values.duration);

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

// Probes run in a worker thread, so the load generator's own event loop cannot delay (and so inflate) them. Each
// lane opens its keep-alive connection before the flood: on this 2-core machine a connection opened during the
// flood waits 1-7 s for Node to accept it (a bare Express app shows the same), which is not what is measured here.
const PROBE = `
const { workerData, parentPort } = require('node:worker_threads');
const { urls, lanes, seconds, pauseMs } = workerData;
const samples = [];
let n = 0;
const get = async () => {
  const started = performance.now();
  const status = await fetch(urls[(n += 1) % urls.length]).then(async (r) => (await r.arrayBuffer(), r.status), () => 0);
  return { ms: performance.now() - started, status };
};
const lane = async (go) => {
  await get();
  await go;
  const until = Date.now() + seconds * 1000;
  while (Date.now() < until) {
    samples.push(await get());
    if (pauseMs) await new Promise((resolve) => setTimeout(resolve, pauseMs));
  }
};
const go = new Promise((resolve) => parentPort.once('message', resolve));
const running = Array.from({ length: lanes }, () => lane(go));
Promise.resolve().then(() => parentPort.postMessage('ready'));
Promise.all(running).then(() => parentPort.postMessage(samples));
`;

/** Sequential GETs of `urls` in `lanes` parallel loops for `seconds` once told to go: count, failures, latency. */
async function startProbe(urls: string[], lanes: number, seconds: number, pauseMs = 0) {
  const worker = new Worker(PROBE, { eval: true, workerData: { urls, lanes, seconds, pauseMs } });
  const messages: unknown[] = [];
  let notify: () => void = () => {};
  worker.on('message', (message) => (messages.push(message), notify()));
  const next = () =>
    new Promise<unknown>((resolve) =>
      messages.length ? resolve(messages.shift()) : (notify = () => resolve(messages.shift())),
    );
  await next(); // ready: every lane has its connection
  await new Promise((resolve) => setTimeout(resolve, 200));
  return {
    go: () => worker.postMessage('go'),
    result: async () => {
      const samples = (await next()) as Array<{ ms: number; status: number }>;
      await worker.terminate();
      const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
      const ok = samples.filter((s) => s.status === 200).length;
      return {
        count: samples.length,
        ok,
        failed: samples.length - ok,
        p50: percentile(ms, 50),
        p99: percentile(ms, 99),
        max: ms.at(-1) ?? 0,
      };
    },
  };
}

loadDotEnv();
const { url: databaseUrl, embedded } = await openDatabase(loadConfig(process.env).config);
const db = createDb({ connectionString: databaseUrl, max: 2 });
try {
  const products = Number((await sql<{ n: string }>`select count(*) as n from products`.execute(db)).rows[0]!.n);
  const ids = (
    await sql<{ id: string }>`select id from products tablesample bernoulli (1) repeatable (42) limit 1000`.execute(db)
  ).rows.map((r) => r.id);
  const api = await startApi(databaseUrl, 'off', { pool: values.pool });
  try {
    let page = 0;
    const detailProbe = await startProbe(
      ids.map((id) => `${api.url}/api/v1/products/${id}`),
      4,
      seconds,
    );
    const readyProbe = await startProbe([`${api.url}/readyz`], 1, seconds, 250);
    const heavy = autocannon({
      url: api.url,
      connections: Number(values.connections),
      duration: seconds,
      requests: [
        {
          setupRequest: (request) => ({
            ...request,
            path: `/api/v1/products?search=${values.search}&page=${((page += 1) % 50) + 1}`,
          }),
        },
      ],
    });
    detailProbe.go();
    readyProbe.go();
    const [result, detail, ready] = await Promise.all([heavy, detailProbe.result(), readyProbe.result()]);
    const line = [
      `Overload ${new Date().toISOString()}: ${products.toLocaleString('en')} products; ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}; Node ${process.version}; pool ${values.pool}, ${values.connections} connections of search=${values.search} (uncached) for ${seconds} s`,
      `  heavy searches: ${result.requests.total} answered (${Object.entries(result.statusCodeStats ?? {})
        .map(([s, c]) => `${s} ×${c.count ?? 0}`)
        .join(
          ', ',
        )}), p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, socket errors ${result.errors}, timeouts ${result.timeouts}`,
      `  product detail meanwhile (4 open connections): ${detail.count} requests, ${detail.failed} failed, p50 ${detail.p50.toFixed(1)} ms, p99 ${detail.p99.toFixed(1)} ms`,
      `  /readyz meanwhile (every 250 ms): ${ready.count} probes, ${ready.failed} failed, p50 ${ready.p50.toFixed(1)} ms, max ${ready.max.toFixed(1)} ms`,
    ];
    console.log(line.join('\n'));
  } finally {
    await api.stop();
  }
} finally {
  await db.destroy();
  await embedded?.stop();
}

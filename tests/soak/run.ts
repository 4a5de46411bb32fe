// pnpm soak [--minutes 10] [--rate 4]: a steady, realistic mix against the API in its own process on a fresh
// embedded PostgreSQL with the demo catalogue. Every `1 / rate` seconds a new shopper starts a journey (browse two
// pages, search, open a product, register, log in, add to the cart, check out, pay with the test provider) whatever
// the server's speed: an open model, so a slowing server shows as latency and a growing backlog, not as less load.
// Each minute: requests, unexpected errors, latency percentiles, and the server's RSS and event-loop lag from
// its own /metrics. An unexpected error is a 5xx or any status the journey does not expect.
import { parseArgs } from 'node:util';
import { createNexusClient, isNexusError } from '@nexus/client-sdk';
import { startScratchPostgres } from '@nexus/db';
import { startApi } from '../bench/api-process.js';

const { values } = parseArgs({
  options: { minutes: { type: 'string', default: '10' }, rate: { type: 'string', default: '4' } },
});
const minutes = Number(values.minutes);
const rate = Number(values.rate);
if (!Number.isInteger(minutes) || minutes < 1 || !(rate > 0)) {
  console.error('Usage: pnpm soak [--minutes N (a whole number, at least 1)] [--rate R (shoppers a second, > 0)]');
  process.exit(2);
}

interface Minute {
  latencies: number[];
  errors: string[];
  journeys: number;
  completed: number;
}
const newMinute = (): Minute => ({ latencies: [], errors: [], journeys: 0, completed: 0 });

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/** One scrape of the server's /metrics (each scrape restarts the event-loop delay window: read it once a minute). */
async function scrape(url: string): Promise<(series: string) => number> {
  const lines = (await fetch(`${url}/metrics`).then((response) => response.text())).split('\n');
  return (series) => Number(lines.find((line) => line.startsWith(`${series} `))?.split(' ')[1] ?? NaN);
}

const database = await startScratchPostgres();
const api = await startApi(database.url, 'memory', {
  env: { NODE_ENV: 'development', PAYMENTS_MANUAL_ONLY: 'false', SEED_DEMO_DATA: 'true', WORKER: 'inline' },
});
// Ctrl-C stops the server and removes the scratch database instead of leaving them running.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(
    signal,
    () =>
      void api
        .stop()
        .then(() => database.stop())
        .finally(() => process.exit(130)),
  );
}
const started = Date.now();
const buckets: Minute[] = Array.from({ length: minutes }, newMinute);
const bucket = () => buckets[Math.min(minutes - 1, Math.floor((Date.now() - started) / 60_000))]!;

/** One timed call: its latency always counts; a failure counts unless the journey expects it. */
async function timed<T>(call: () => Promise<T>, expected: string[] = []): Promise<T | undefined> {
  const at = performance.now();
  try {
    return await call();
  } catch (error) {
    const code = isNexusError(error) ? error.code : String(error);
    if (!expected.includes(code)) bucket().errors.push(isNexusError(error) ? `${error.status} ${code}` : code);
    return undefined;
  } finally {
    bucket().latencies.push(performance.now() - at);
  }
}

async function journey(n: number): Promise<void> {
  const minute = bucket();
  minute.journeys += 1;
  const nexus = createNexusClient({ baseUrl: api.url });
  // Shoppers spread over the first ten pages of what is in stock, so ten minutes do not empty the shelves they see.
  const shelf = { page_size: 20, in_stock: true, ordering: '-created_at' } as const;
  const page = await timed(() => nexus.products.list({ query: { ...shelf, page: 1 + (n % 10) } }));
  if (!page) return;
  // The next page by cursor, which holds the query it was made for.
  await timed(() => nexus.products.list({ query: { ...shelf, cursor: page.next_cursor ?? undefined } }));
  await timed(() =>
    nexus.products.list({ query: { search: ['lamp', 'chair', 'laptop', 'tee'][n % 4]!, page_size: 10 } }),
  );
  const pick =
    page.results.filter((product) => product.stock > 0)[n % Math.max(1, page.results.length)] ?? page.results[0];
  if (!pick) return;
  const product = await timed(() => nexus.products.get({ params: { id: pick.id } }));
  const email = `soak-${started}-${n}@example.com`;
  const password = 'soak test password';
  if (!(await timed(() => nexus.auth.register({ body: { email, password, first_name: 'Soak', last_name: `${n}` } }))))
    return;
  await timed(() => nexus.auth.login({ body: { email, password } }));
  const variant = product?.variants.find((candidate) => candidate.stock > 0);
  if (!variant) return;
  if (
    !(await timed(() => nexus.cart.addItem({ body: { variant_id: variant.id, quantity: 1 } }), ['insufficient_stock']))
  )
    return;
  const address = { name: 'Soak Tester', line1: '1 Main St', city: 'Springfield', postal_code: '12345', country: 'US' };
  const order = await timed(() => nexus.orders.create({ body: { shipping_address: address } }), ['insufficient_stock']);
  if (!order) return;
  const payment = await timed(() => nexus.payments.create({ params: { id: order.id }, body: { provider: 'test' } }));
  if (!payment) return;
  await timed(() => nexus.payments.testConfirm({ params: { id: payment.id }, body: { outcome: 'succeeded' } }));
  minute.completed += 1;
}

console.log(`Soak: ${minutes} min, a new shopper every ${(1000 / rate).toFixed(0)} ms, against ${api.url}`);
const running = new Set<Promise<void>>();
const rows: string[] = [];
let n = 0;
for (let m = 0; m < minutes; m += 1) {
  const minuteEnds = started + (m + 1) * 60_000;
  while (Date.now() < minuteEnds) {
    const task = journey((n += 1)).catch((error: unknown) => void bucket().errors.push(String(error)));
    running.add(task);
    void task.finally(() => running.delete(task));
    await new Promise((resolve) => setTimeout(resolve, 1000 / rate));
  }
  const done = buckets[m]!;
  const sorted = [...done.latencies].sort((a, b) => a - b);
  const metrics = await scrape(api.url);
  const rss = metrics('nexus_process_resident_memory_bytes');
  const lag = metrics('nexus_nodejs_eventloop_lag_p99_seconds');
  const lagMax = metrics('nexus_nodejs_eventloop_lag_max_seconds');
  const row = `| ${m + 1} | ${done.journeys} | ${done.completed} | ${sorted.length} | ${done.errors.length} | ${percentile(sorted, 50).toFixed(1)} | ${percentile(sorted, 95).toFixed(1)} | ${percentile(sorted, 99).toFixed(1)} | ${(rss / 2 ** 20).toFixed(0)} | ${(lag * 1000).toFixed(1)} | ${(lagMax * 1000).toFixed(1)} |`;
  rows.push(row);
  if (m === 0) {
    console.log(
      '| minute | journeys | paid | requests | unexpected errors | p50 ms | p95 ms | p99 ms | server RSS MiB | event-loop lag p99 ms | lag max ms |',
    );
    console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  }
  console.log(row);
  if (done.errors.length) console.log(`  errors: ${[...new Set(done.errors)].slice(0, 5).join('; ')}`);
}
await Promise.allSettled([...running]);
await api.stop();
await database.stop();
const errors = buckets.reduce((sum, minute) => sum + minute.errors.length, 0);
console.log(`\n${errors} unexpected errors in ${minutes} min`);
process.exitCode = errors ? 1 : 0;

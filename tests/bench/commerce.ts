// Commerce scenarios for `pnpm bench`: add to cart, checkout across many products, checkout of one hot product,
// and a mixed run (catalogue reads while checkouts flow) that reports the response cache's hit rate. Shoppers are
// made set-based in SQL (users, sessions, carts holding one line each) and their access tokens signed locally,
// so the measured requests are only the commerce calls themselves.
import autocannon from 'autocannon';
import { sql, type Kysely } from 'kysely';
import type { DB } from '@nexus/db';
import { createTokenService } from '../../server/src/modules/auth/tokens.js';
import { BENCH_JWT_SECRET } from './api-process.js';

export interface CommerceMeasurement {
  rps: number;
  p50: number;
  p99: number;
  /** Answers that are neither 2xx nor an expected 409. */
  errors: number;
  expected409: number;
  /** Answers other than 2xx by status and problem code, e.g. `{ "409 insufficient_stock": 12 }`. */
  statuses: Record<string, number>;
  hitRate?: number;
}

const address = {
  name: 'Bench Shopper',
  line1: '1 Load Street',
  city: 'Benchton',
  postal_code: 'B1 1NC',
  country: 'GB',
};
const tokens = createTokenService({
  JWT_SECRET: BENCH_JWT_SECRET,
  JWT_ISSUER: 'nexus-commerce',
  JWT_AUDIENCE: 'nexus-commerce-api',
  JWT_ACCESS_TTL: 900, // the server refuses tokens that live longer than its own
  JWT_REFRESH_TTL: 3600,
});
const RUN = `b${Date.now().toString(36)}`;

/** `count` shoppers, each with an access token and (when `variants` is given) a cart holding one unit of one of them. */
async function makeShoppers(db: Kysely<DB>, count: number, variants?: string[]): Promise<string[]> {
  const tag = `${RUN}-${Math.random().toString(36).slice(2, 8)}`;
  const { rows } = await sql<{ user_id: string; family_id: string }>`
    with users as (
      insert into users (email, password_hash, first_name, last_name)
      select 'bench-' || ${tag} || '-' || i || '@example.com', 'not-a-hash', 'Bench', 'Shopper' from generate_series(1, ${count}) i
      returning id),
    families as (insert into refresh_token_families (user_id) select id from users returning id, user_id)
    select user_id, id as family_id from families`.execute(db);
  if (variants) {
    await sql`
      with shoppers as (select user_id, row_number() over (order by user_id) as n from unnest(${rows.map((r) => r.user_id)}::uuid[]) as u(user_id)),
           carts as (insert into carts (user_id) select user_id from shoppers returning id, user_id)
      insert into cart_items (cart_id, variant_id, quantity)
      select c.id, (${variants}::uuid[])[1 + (s.n - 1) % ${variants.length}], 1
        from carts c join shoppers s using (user_id)`.execute(db);
  }
  return rows.map((row) => tokens.signAccess({ sub: row.user_id, role: 'customer', sid: row.family_id }));
}

/** Removes what the scenarios made: the bench shoppers, their carts and orders. */
export async function cleanUpShoppers(db: Kysely<DB>): Promise<void> {
  await sql`delete from orders where user_id in (select id from users where email like ${`bench-${RUN}-%`})`.execute(
    db,
  );
  await sql`delete from users where email like ${`bench-${RUN}-%`}`.execute(db);
}

async function drive(
  url: string,
  connections: number,
  seconds: number,
  next: () => { method: 'GET' | 'POST'; path: string; headers?: Record<string, string>; body?: string },
  expected409 = false,
): Promise<CommerceMeasurement & { hits: number; misses: number }> {
  let conflicts = 0;
  const statuses: Record<string, number> = {};
  let hits = 0;
  let misses = 0;
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    requests: [
      {
        setupRequest: (request) => {
          const call = next();
          return {
            ...request,
            method: call.method,
            path: call.path,
            headers: { 'content-type': 'application/json', ...call.headers },
            ...(call.body ? { body: call.body } : {}),
          };
        },
        onResponse: (status, body, _context, headers) => {
          if (status === 409) conflicts += 1;
          if (status < 200 || status >= 300) {
            const code = /"code":"(\w+)"/.exec(body ?? '')?.[1];
            const label = code ? `${status} ${code}` : String(status);
            statuses[label] = (statuses[label] ?? 0) + 1;
          }
          // Header names arrive as the server wrote them.
          const cache = Object.entries(headers ?? {}).find(([name]) => name.toLowerCase() === 'x-cache')?.[1];
          if (cache === 'hit') hits += 1;
          else if (cache === 'miss') misses += 1;
        },
      },
    ],
  });
  return {
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors:
      result.errors +
      result.timeouts +
      result.non2xx -
      (expected409 ? conflicts : 0) +
      (result.requests.total === 0 ? connections : 0),
    expected409: expected409 ? conflicts : 0,
    statuses,
    hits,
    misses,
  };
}

/** Runs the commerce scenarios against an API (with its response cache on) over `db`. */
export async function runCommerce(
  url: string,
  db: Kysely<DB>,
  { connections, seconds, warmup, only }: { connections: number; seconds: number; warmup: number; only?: string },
): Promise<Record<string, CommerceMeasurement>> {
  const perRun = (rate: number) => Math.ceil(rate * (seconds + warmup) * 1.3);
  const variants = (
    await sql<{ id: string; product_id: string }>`
      select id, product_id from product_variants tablesample bernoulli (1) repeatable (7) where stock > 50 limit 4000`.execute(
      db,
    )
  ).rows;
  const variantIds = variants.map((v) => v.id);
  const report: Record<string, CommerceMeasurement> = {};
  const run = async (
    name: string,
    go: (duration: number) => Promise<CommerceMeasurement & { hits: number; misses: number }>,
  ) => {
    if (only && !name.includes(only)) return;
    await go(warmup);
    const { hits, misses, ...measured } = await go(seconds);
    report[name] = { ...measured, ...(hits + misses ? { hitRate: hits / (hits + misses) } : {}) };
    const m = report[name]!;
    console.log(
      `commerce   ${name.padEnd(42)} ${String(m.rps).padStart(6)} req/s  p50 ${m.p50} ms  p99 ${m.p99} ms  errors ${m.errors}  409s ${m.expected409}  statuses ${JSON.stringify(m.statuses)}${m.hitRate === undefined ? '' : `  cache hit rate ${(100 * m.hitRate).toFixed(1)} %`}`,
    );
  };

  // Add to cart: 500 shoppers adding random products, one unit at a time.
  const adders = await makeShoppers(db, 500);
  let a = 0;
  await run('add to cart', (duration) =>
    drive(url, connections, duration, () => ({
      method: 'POST',
      path: '/api/v1/cart/items',
      headers: { authorization: `Bearer ${adders[(a += 1) % adders.length]}` },
      body: JSON.stringify({ variant_id: variantIds[Math.floor(Math.random() * variantIds.length)], quantity: 1 }),
    })),
  );

  // Checkout across many products: every request a different shopper with a one-line cart.
  const buyers = await makeShoppers(db, perRun(800), variantIds);
  let b = 0;
  const checkout = (pool: string[], counter: () => number) => () => ({
    method: 'POST' as const,
    path: '/api/v1/orders',
    headers: { authorization: `Bearer ${pool[counter() % pool.length]}` },
    body: JSON.stringify({ shipping_address: address }),
  });
  await run('checkout, many products (no contention)', (duration) =>
    drive(
      url,
      connections,
      duration,
      checkout(buyers, () => (b += 1)),
      true,
    ),
  );

  // Checkout of one hot product: every cart holds the same variant, with stock for all of them.
  const hot = variants[0]!;
  await sql`update product_variants set stock = 10000000 where id = ${hot.id}`.execute(db);
  const rivals = await makeShoppers(db, perRun(800), [hot.id]);
  let r = 0;
  await run('checkout, one hot product (contention)', (duration) =>
    drive(
      url,
      connections,
      duration,
      checkout(rivals, () => (r += 1)),
      true,
    ),
  );

  // Mixed: catalogue reads (list pages and details of the products being sold) while checkouts flow.
  const mixedBuyers = await makeShoppers(db, perRun(300), variantIds);
  let m = 0;
  const readers = Math.max(1, Math.round(connections * 0.75));
  const productIds = variants.slice(0, 200).map((v) => v.product_id);
  const reads = () => {
    const roll = Math.random();
    if (roll < 0.5)
      return {
        method: 'GET' as const,
        path: `/api/v1/products/${productIds[Math.floor(Math.random() * productIds.length)]}`,
      };
    return { method: 'GET' as const, path: `/api/v1/products?page=${1 + Math.floor(Math.random() * 20)}` };
  };
  await run('mixed: catalogue reads (while checkouts flow)', async (duration) => {
    const [readsMeasured] = await Promise.all([
      drive(url, readers, duration, reads),
      drive(
        url,
        connections - readers,
        duration,
        checkout(mixedBuyers, () => (m += 1)),
        true,
      ),
    ]);
    return readsMeasured;
  });
  await cleanUpShoppers(db);
  return report;
}

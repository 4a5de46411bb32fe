import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { createCategory, createProduct, signUpAdmin } from '../support/fixtures.js';
import { expectProblem } from '../support/expect-problem.js';

// Page-mode catalogue lists count through category_product_counts; a DBA's lock on that table makes every one
// of them hold its connection for as long as we like, while product details never touch it.
async function holdCountsLock(databaseUrl: string) {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'nexus-test-dba' });
  await client.connect();
  await client.query('begin');
  await client.query('lock table category_product_counts in access exclusive mode');
  return { release: async () => (await client.query('rollback'), await client.end()) };
}

describe('a saturated pool', () => {
  let app: TestApp;
  let productId: string;
  beforeAll(async () => {
    app = await startTestApp({
      DATABASE_POOL_MAX: '6', // two heavy slots (a third of the pool), eight more may wait
      DATABASE_POOL_WAIT: '1s',
      RESPONSE_CACHE: 'off',
    });
    const admin = await signUpAdmin(app);
    const category = await createCategory(admin, { name: 'Saturation' });
    productId = (await createProduct(admin, { name: 'Light read', price: 3, category_id: category.id })).id;
  });
  afterAll(() => app.close());

  it('sheds heavy searches with 503 and Retry-After while details and /readyz keep answering', async () => {
    const lock = await holdCountsLock(app.databaseUrl);
    let released = false;
    const heavy = Array.from({ length: 200 }, (_, i) =>
      app.fetch(`/api/v1/products?page=${i + 1}`).then(async (response) => ({
        response,
        beforeRelease: !released,
        body: await response.clone().text(),
      })),
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    // While 200 heavy requests compete for the pool, cheap reads and readiness are answered.
    const details = await Promise.all(Array.from({ length: 20 }, () => app.fetch(`/api/v1/products/${productId}`)));
    expect(details.map((r) => r.status)).toEqual(Array(20).fill(200));
    const ready = await app.fetch('/readyz');
    expect(ready.status).toBe(200);
    // The shed ones come back while the blocked ones still hold their slots: shedding is early, not late.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    released = true;
    await lock.release();
    const results = await Promise.all(heavy);

    const shed = results.filter((r) => r.response.status === 503);
    const served = results.filter((r) => r.response.status === 200);
    expect(shed.length + served.length).toBe(200);
    expect(shed.length).toBeGreaterThanOrEqual(190);
    expect(shed.every((r) => r.beforeRelease)).toBe(true);
    for (const { response } of shed.slice(0, 5)) {
      expect(response.headers.get('retry-after')).toBe('1');
      await expectProblem(response, 'service_unavailable');
    }
    console.log(`[faults] 200 heavy requests on a pool of 6: ${shed.length} × 503 (shed), ${served.length} × 200`);
  }, 30_000);
});

describe('a heavy-query slot', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ DATABASE_HEAVY_MAX: '1', DATABASE_POOL_WAIT: '5s', RESPONSE_CACHE: 'off' });
  });
  afterAll(() => app.close());

  it('is not lost when a queued client goes away: the next search still gets it', async () => {
    const lock = await holdCountsLock(app.databaseUrl);
    const holder = app.fetch('/api/v1/products?page=1');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const leaving = new AbortController();
    const queued = app.fetch('/api/v1/products?page=2', { signal: leaving.signal }).catch(() => 'aborted');
    await new Promise((resolve) => setTimeout(resolve, 200));
    leaving.abort();
    expect(await queued).toBe('aborted');
    await lock.release();
    expect((await holder).status).toBe(200);
    expect((await app.fetch('/api/v1/products?page=3')).status).toBe(200);
  });
});

describe('a statement over DATABASE_STATEMENT_TIMEOUT', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ DATABASE_STATEMENT_TIMEOUT: '1s', DATABASE_LOCK_TIMEOUT: '30s', RESPONSE_CACHE: 'off' });
  });
  afterAll(() => app.close());

  it('is cancelled by PostgreSQL and answered with a clean 503, and the next request is served', async () => {
    const lock = await holdCountsLock(app.databaseUrl);
    try {
      const response = await app.fetch('/api/v1/products');
      const text = await response.clone().text();
      const problem = await expectProblem(response, 'service_unavailable');
      expect(problem.detail).toMatch(/took too long/);
      expect(text).not.toMatch(/canceling statement|category_product_counts|select/i);
    } finally {
      await lock.release();
    }
    expect((await app.fetch('/api/v1/products')).status).toBe(200);
  });
});

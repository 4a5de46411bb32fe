import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { createCategory, createProduct, signUpAdmin } from '../support/fixtures.js';
import { expectProblem } from '../support/expect-problem.js';
import { holdCountsLock } from '../support/locks.js';

/** Fires `n` page-mode catalogue reads (each blocks on the counts lock) and records which answered before `released()`. */
function heavyRequests(app: TestApp, n: number, released: () => boolean) {
  return Array.from({ length: n }, (_, i) =>
    app.fetch(`/api/v1/products?page=${i + 1}`).then((response) => ({ response, beforeRelease: !released() })),
  );
}

describe('a saturated pool', () => {
  let app: TestApp;
  let productId: string;
  beforeAll(async () => {
    app = await startTestApp({
      DATABASE_POOL_MAX: '6', // two heavy slots (a third of the pool)
      DATABASE_POOL_QUEUE: '8', // eight more heavy requests may wait, each at most 1 s
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
    const heavy = heavyRequests(app, 200, () => released);
    await new Promise((resolve) => setTimeout(resolve, 300));
    // While 200 heavy requests compete for the pool, cheap reads and readiness are answered.
    const details: number[] = [];
    for (let i = 0; i < 20; i += 1) details.push((await app.fetch(`/api/v1/products/${productId}`)).status);
    expect(details).toEqual(Array(20).fill(200));
    expect((await app.fetch('/readyz')).status).toBe(200);
    // Everything but the two blocked requests is answered while those still hold their slots (the queued ones
    // after their 1 s): shedding is early, not late.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    released = true;
    await lock.release();
    const results = await Promise.all(heavy);

    const shed = results.filter((r) => r.response.status === 503);
    const served = results.filter((r) => r.response.status === 200);
    expect({ shed: shed.length, served: served.length }).toEqual({ shed: 198, served: 2 });
    expect(shed.every((r) => r.beforeRelease)).toBe(true);
    for (const { response } of shed.slice(0, 5)) {
      expect(response.headers.get('retry-after')).toBe('1');
      await expectProblem(response, 'service_unavailable');
    }
    console.log(`[faults] 200 heavy requests on a pool of 6: ${shed.length} × 503 (shed), ${served.length} × 200`);
  }, 30_000);
});

describe('readiness with every pooled connection taken', () => {
  let app: TestApp;
  beforeAll(async () => {
    // Heavy requests may take the whole pool here: only readiness's own connection is left.
    app = await startTestApp({
      DATABASE_POOL_MAX: '3',
      DATABASE_HEAVY_MAX: '3',
      DATABASE_POOL_WAIT: '1s',
      RESPONSE_CACHE: 'off',
    });
  });
  afterAll(() => app.close());

  it('stays 200, so a load balancer keeps a busy but healthy process', async () => {
    const lock = await holdCountsLock(app.databaseUrl);
    const heavy = heavyRequests(app, 3, () => false);
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      await expectProblem(
        await app.fetch('/api/v1/categories/00000000-0000-4000-8000-000000000000'),
        'service_unavailable',
      );
      expect((await app.fetch('/readyz')).status).toBe(200);
    } finally {
      await lock.release();
      await Promise.all(heavy);
    }
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

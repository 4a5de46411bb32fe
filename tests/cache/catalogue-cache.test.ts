import net from 'node:net';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Category, Product } from '@nexus/contract';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { redisAnswers, testRedisUrl } from '../support/redis.js';
import { createCategory, createProduct, signUpAdmin, type SignedIn } from '../support/fixtures.js';

let app: TestApp;
let admin: SignedIn;
let shelf: Category;
beforeAll(async () => {
  app = await startTestApp({ RESPONSE_CACHE: 'memory' });
  admin = await signUpAdmin(app);
  shelf = await createCategory(admin, { name: 'Shelf' });
  await createProduct(admin, { name: 'Seed item', price: 5, category_id: shelf.id });
});
afterAll(() => app.close());

const asAdmin = (path: string, init: Parameters<TestApp['fetch']>[1] = {}) =>
  app.fetch(path, { ...init, token: admin.access });
const getJson = async <T>(target: TestApp, path: string) => (await (await target.fetch(path)).json()) as T;

describe('conditional GETs', () => {
  it('answers public catalogue reads with an ETag and Cache-Control, and 304 for a matching If-None-Match', async () => {
    const first = await app.fetch('/api/v1/products?category=shelf');
    const etag = first.headers.get('etag');
    expect(first.status).toBe(200);
    expect(etag).toMatch(/^"[\w-]{22}"$/);
    expect(first.headers.get('cache-control')).toBe('public, max-age=0, must-revalidate');
    const again = await app.fetch('/api/v1/products?category=shelf', { headers: { 'if-none-match': etag! } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });

  it('stops answering 304 once a write has changed the catalogue', async () => {
    const etag = (await app.fetch(`/api/v1/categories/${shelf.id}`)).headers.get('etag')!;
    await createProduct(admin, { name: 'Etag breaker', price: 1, category_id: shelf.id });
    const after = await app.fetch(`/api/v1/categories/${shelf.id}`, { headers: { 'if-none-match': etag } });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
  });

  it('never caches or tags errors, nor personal answers', async () => {
    const invalid = await app.fetch('/api/v1/products?ordering=nope');
    expect(invalid.status).toBe(400);
    expect(invalid.headers.get('etag')).toBeNull();
    expect(invalid.headers.get('cache-control')).toBe('no-store');
    expect((await asAdmin('/api/v1/users/me')).headers.get('cache-control')).toBe('no-store');
  });
});

describe('the response cache', () => {
  it('serves a repeated read from the cache, whatever the order of the query parameters', async () => {
    const miss = await app.fetch('/api/v1/products?ordering=price&page_size=5');
    expect(miss.headers.get('x-cache')).toBe('miss');
    const hit = await app.fetch('/api/v1/products?page_size=5&ordering=price');
    expect(hit.headers.get('x-cache')).toBe('hit');
    expect(await hit.json()).toEqual(await miss.json());
  });

  type Page = { count: number; results: Product[] };
  const writes: Array<
    [string, (product: Product) => Promise<unknown>, (before: Page, after: Page, product: Product) => void]
  > = [
    [
      'product create',
      () => createProduct(admin, { name: 'Fresh', price: 2, category_id: shelf.id }),
      (b, a) => expect(a.count).toBe(b.count + 1),
    ],
    [
      'product patch',
      (p) => admin.client.products.update({ params: { id: p.id }, body: { price: '77.70' } }),
      (_b, a, p) => expect(a.results.find((x) => x.id === p.id)?.price).toBe('77.70'),
    ],
    [
      'product put',
      (p) =>
        admin.client.products.replace({
          params: { id: p.id },
          body: { name: 'Renamed', price: 3, category_id: shelf.id },
        }),
      (_b, a, p) => expect(a.results.find((x) => x.id === p.id)?.name).toBe('Renamed'),
    ],
    [
      'product delete',
      (p) => admin.client.products.delete({ params: { id: p.id } }),
      (b, a) => expect(a.count).toBe(b.count - 1),
    ],
    [
      'category patch',
      () =>
        admin.client.categories.update({
          params: { id: shelf.id },
          body: { name: `Shelf ${randomUUID().slice(0, 4)}` },
        }),
      (_b, a) => expect(new Set(a.results.map((x) => x.category.name)).size).toBe(1),
    ],
  ];

  it.each(writes)('never serves a stale list after a %s', async (_label, write, check) => {
    const product = await createProduct(admin, {
      name: `Target ${randomUUID().slice(0, 6)}`,
      price: 4,
      category_id: shelf.id,
    });
    const path = `/api/v1/products?category=${shelf.id}&page_size=100`;
    const before = await getJson<Page>(app, path);
    expect((await app.fetch(path)).headers.get('x-cache')).toBe('hit');
    await write(product);
    const after = await getJson<Page>(app, path);
    check(before, after, product);
    if (_label === 'category patch') {
      const name = (await admin.client.categories.get({ params: { id: shelf.id } })).name;
      expect(after.results.every((x) => x.category.name === name)).toBe(true);
    }
  });

  it('computes a burst of identical misses once: the others wait and are served the stored answer', async () => {
    const word = `burst${randomUUID().slice(0, 6)}`;
    const path = `/api/v1/products/facets?search=${word}`;
    const answers = await Promise.all(Array.from({ length: 12 }, () => app.fetch(path)));
    const verdicts = answers.map((answer) => answer.headers.get('x-cache')).sort();
    expect(verdicts).toEqual(['miss', ...Array<string>(11).fill('hit')].sort());
    const bodies = new Set(await Promise.all(answers.map((answer) => answer.text())));
    expect(bodies.size).toBe(1);
    // And a write still reaches the next burst: the stored answer is checked before it is served.
    await createProduct(admin, { name: `${word} lamp`, price: 3, category_id: shelf.id });
    const after = await Promise.all(Array.from({ length: 6 }, () => app.fetch(path)));
    expect(after.map((answer) => answer.headers.get('x-cache')).sort()).toEqual([
      'hit',
      'hit',
      'hit',
      'hit',
      'hit',
      'miss',
    ]);
    for (const answer of after) expect(((await answer.json()) as { count: number }).count).toBe(1);
  });

  it('never serves a stale detail after a write, and updates counts', async () => {
    const product = await createProduct(admin, { name: 'Detail', price: 4, category_id: shelf.id });
    await getJson(app, `/api/v1/products/${product.id}`);
    await admin.client.products.update({ params: { id: product.id }, body: { stock: 99 } });
    expect((await getJson<Product>(app, `/api/v1/products/${product.id}`)).stock).toBe(99);
    await admin.client.products.delete({ params: { id: product.id } });
    expect((await app.fetch(`/api/v1/products/${product.id}`)).status).toBe(404);
  });

  it('never serves a stale category list after category create, put and delete', async () => {
    const path = '/api/v1/categories?parent=root&page_size=100';
    // Read (and so cache) the list before every write, so each check below could only pass on fresh data.
    await getJson(app, path);
    expect((await app.fetch(path)).headers.get('x-cache')).toBe('hit');
    const created = await createCategory(admin, { name: `Cat ${randomUUID().slice(0, 6)}` });
    expect((await getJson<{ results: Category[] }>(app, path)).results.map((c) => c.id)).toContain(created.id);
    await admin.client.categories.replace({ params: { id: created.id }, body: { name: `${created.name} v2` } });
    expect((await getJson<{ results: Category[] }>(app, path)).results.find((c) => c.id === created.id)?.name).toBe(
      `${created.name} v2`,
    );
    await admin.client.categories.delete({ params: { id: created.id } });
    expect((await getJson<{ results: Category[] }>(app, path)).results.map((c) => c.id)).not.toContain(created.id);
  });

  it('keeps a second server process over the same database fresh: the version lives in PostgreSQL', async () => {
    const { createApp, createLogger } = await import('@nexus/server');
    const http = await import('node:http');
    const other = createApp({ db: app.db, config: app.config, logger: createLogger(app.config) });
    const server = http.createServer(other.app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const otherBase = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
    try {
      const path = `/api/v1/products?category=${shelf.id}&page_size=100`;
      const before = (await (await fetch(otherBase + path)).json()) as Page;
      const created = await createProduct(admin, { name: 'Via the first process', price: 1, category_id: shelf.id });
      const after = (await (await fetch(otherBase + path)).json()) as Page;
      expect(after.count).toBe(before.count + 1);
      expect(after.results.map((p) => p.id)).toContain(created.id);
    } finally {
      server.close();
      await other.close();
    }
  });
});

const redisUrl = testRedisUrl;
// Runs when a Redis answers (TEST_REDIS_URL, or the default port); reported as skipped otherwise.
const redisUp = await redisAnswers();

describe.runIf(redisUp)('the response cache in Redis (REDIS_URL)', () => {
  it('is shared, and still never stale after a write', async () => {
    const env = { REDIS_URL: redisUrl, REDIS_KEY_PREFIX: `nexus-test-${randomUUID()}:`, RESPONSE_CACHE: 'redis' };
    const redisApp = await startTestApp(env);
    try {
      const boss = await signUpAdmin(redisApp);
      const category = await createCategory(boss, { name: 'Redis shelf' });
      const path = `/api/v1/products?category=${category.id}`;
      await createProduct(boss, { name: 'Redis item', price: 1, category_id: category.id });
      expect((await redisApp.fetch(path)).headers.get('x-cache')).toBe('miss');
      expect((await redisApp.fetch(path)).headers.get('x-cache')).toBe('hit');
      await createProduct(boss, { name: 'Another Redis item', price: 2, category_id: category.id });
      const after = await redisApp.fetch(path);
      expect(after.headers.get('x-cache')).toBe('miss');
      expect(((await after.json()) as Page).count).toBe(2);
    } finally {
      await redisApp.close();
    }
  });
});

type Page = { count: number; results: Product[] };

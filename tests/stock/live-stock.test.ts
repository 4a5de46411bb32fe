import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createNexusClient, memoryTokenStore, type StockUpdate } from '@nexus/client-sdk';
import { cloneTemplateDatabase, startTestApp, type TestApp } from '../support/test-app.js';
import { expectProblem } from '../support/expect-problem.js';
import { spawnServer, type SpawnedServer } from '../support/spawn-server.js';
import { ADDRESS, createStockedProduct, signUp, signUpAdmin, type SignedIn } from '../support/fixtures.js';

describe('live stock in one process', () => {
  let app: TestApp;
  let admin: SignedIn;
  beforeAll(async () => {
    app = await startTestApp({ SSE_MAX_SUBSCRIBERS: '3' });
    admin = await signUpAdmin(app);
  });
  afterAll(() => app.close());

  it('streams the current stock, then every change: an admin edit, a checkout', async () => {
    const product = await createStockedProduct(admin, { stock: 5 });
    const seen: StockUpdate[] = [];
    const watch = app.client().products.watchStock(product.id, (update) => seen.push(update));
    try {
      await vi.waitFor(() => expect(seen.map((u) => u.stock)).toEqual([5]));
      await admin.client.products.update({ params: { id: product.id }, body: { stock: 9 } });
      await vi.waitFor(() => expect(seen.map((u) => u.stock)).toEqual([5, 9]));
      const customer = await signUp(app);
      await customer.client.cart.addItem({ body: { product_id: product.id, quantity: 4 } });
      await customer.client.orders.create({ body: { shipping_address: ADDRESS } });
      await vi.waitFor(() => expect(seen.map((u) => u.stock)).toEqual([5, 9, 5]));
      expect(seen.every((u) => u.product_id === product.id && typeof u.variant_id === 'string')).toBe(true);
    } finally {
      watch.close();
    }
  });

  it('answers the wire format: text/event-stream, events named stock', async () => {
    const product = await createStockedProduct(admin, { stock: 2 });
    const controller = new AbortController();
    const response = await app.fetch(`/api/v1/products/${product.id}/stock/events`, { signal: controller.signal });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    while (!text.includes('\n\nevent: stock')) text += (await reader.read()).value ?? '';
    while (!text.endsWith('\n\n')) text += (await reader.read()).value ?? '';
    expect(text).toMatch(
      /^retry: 3000\n\nevent: stock\ndata: \{"product_id":"[^"]+","variant_id":"[^"]+","stock":2\}\n\n$/,
    );
    controller.abort();
  });

  it('404s an unknown product, and 503s past SSE_MAX_SUBSCRIBERS', async () => {
    await expectProblem(
      await app.fetch('/api/v1/products/00000000-0000-4000-8000-000000000000/stock/events'),
      'not_found',
    );
    const product = await createStockedProduct(admin, { stock: 1 });
    const controllers = Array.from({ length: 3 }, () => new AbortController());
    const open = await Promise.all(
      controllers.map((c) => app.fetch(`/api/v1/products/${product.id}/stock/events`, { signal: c.signal })),
    );
    expect(open.map((r) => r.status)).toEqual([200, 200, 200]);
    const refused = await app.fetch(`/api/v1/products/${product.id}/stock/events`);
    expect(refused.headers.get('retry-after')).toBe('5');
    await expectProblem(refused, 'service_unavailable');
    for (const controller of controllers) controller.abort();
    // Closed streams free their places.
    await vi.waitFor(async () => {
      const again = await app.fetch(`/api/v1/products/${product.id}/stock/events`, {
        signal: AbortSignal.timeout(2000),
      });
      expect(again.status).toBe(200);
    });
  });
});

describe('live stock across processes', () => {
  let database: Awaited<ReturnType<typeof cloneTemplateDatabase>>;
  let a: SpawnedServer;
  let b: SpawnedServer;
  const env = (url: string) => ({
    DATABASE_URL: url,
    SEED_DEMO_DATA: 'false',
    ADMIN_EMAIL: 'root@example.com',
    ADMIN_PASSWORD: 'root-password-123',
  });
  beforeAll(async () => {
    database = await cloneTemplateDatabase();
    [a, b] = await Promise.all([spawnServer(env(database.url)), spawnServer(env(database.url))]);
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await database.drop();
  });

  it('a change made through one server reaches the subscribers of another', async () => {
    const adminOfB = createNexusClient({ baseUrl: b.baseUrl, tokenStore: memoryTokenStore() });
    await adminOfB.auth.login({ body: { email: 'root@example.com', password: 'root-password-123' } });
    const category = await adminOfB.categories.create({ body: { name: 'Across' } });
    const product = await adminOfB.products.create({
      body: { name: 'Shared', price: '3.00', stock: 4, category_id: category.id },
    });
    const seen: number[] = [];
    const watch = createNexusClient({ baseUrl: a.baseUrl }).products.watchStock(product.id, (u) => seen.push(u.stock));
    try {
      await vi.waitFor(() => expect(seen).toEqual([4]));
      await adminOfB.products.update({ params: { id: product.id }, body: { stock: 1 } });
      await vi.waitFor(() => expect(seen).toEqual([4, 1]), { timeout: 5000 });
    } finally {
      watch.close();
    }
  });

  it('closes open streams on shutdown, so the drain need not time out', async () => {
    const c = await spawnServer(env(database.url));
    const response = await fetch(`${c.baseUrl}/api/v1/products/00000000-0000-4000-8000-000000000000/stock/events`);
    expect(response.status).toBe(404);
    const products = (await (await fetch(`${c.baseUrl}/api/v1/products?page_size=1`)).json()) as {
      results: Array<{ id: string }>;
    };
    const stream = await fetch(`${c.baseUrl}/api/v1/products/${products.results[0]!.id}/stock/events`);
    expect(stream.status).toBe(200);
    expect(await c.stop()).toEqual({ code: 0, signal: null });
    // The drain did not have to wait out SHUTDOWN_TIMEOUT and cut the stream.
    expect(c.output()).not.toContain('shutdown timeout');
    expect(c.output()).toContain('"msg":"stopped"');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Category, Product } from '@nexus/contract';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { ADDRESS, signUp, signUpAdmin, type SignedIn } from '../support/fixtures.js';

type Page = { count: number; results: Product[] };

let app: TestApp;
let admin: SignedIn;
let shelf: Category;
let products: Product[];
beforeAll(async () => {
  app = await startTestApp({ RESPONSE_CACHE: 'memory' });
  admin = await signUpAdmin(app);
  shelf = await admin.client.categories.create({ body: { name: `Trade shelf ${Date.now()}` } });
  products = [];
  for (let i = 0; i < 30; i += 1) {
    products.push(
      await admin.client.products.create({
        body: { name: `Item ${String(i).padStart(2, '0')}`, price: 3, stock: i === 0 ? 1 : 50, category_id: shelf.id },
      }),
    );
  }
});
afterAll(() => app.close());

const read = async (path: string) => {
  const response = await app.fetch(path);
  return {
    cache: response.headers.get('x-cache'),
    etag: response.headers.get('etag'),
    body: (await response.json()) as Page & Product,
  };
};
const page = (n: number, extra = '') =>
  `/api/v1/products?category=${shelf.id}&ordering=name&page_size=10&page=${n}${extra}`;

async function buy(product: Product, quantity = 1) {
  const customer = await signUp(app);
  await customer.client.cart.addItem({ body: { product_id: product.id, quantity } });
  await customer.client.orders.create({ body: { shipping_address: ADDRESS } });
}

describe('the catalogue cache in a shop that sells', () => {
  it('shows the stock a checkout left at once, on the detail and on the page listing it, and keeps every other page cached', async () => {
    const sold = products[3]!; // on page 1 by name
    for (const path of [page(1), page(2), `/api/v1/products/${sold.id}`]) {
      await read(path);
      expect((await read(path)).cache).toBe('hit');
    }
    await buy(sold, 2);
    const detail = await read(`/api/v1/products/${sold.id}`);
    expect(detail).toMatchObject({ cache: 'miss', body: { stock: 48 } });
    const first = await read(page(1));
    expect(first.cache).toBe('miss');
    expect(first.body.results.find((p) => p.id === sold.id)?.stock).toBe(48);
    expect((await read(page(2))).cache).toBe('hit');
    expect((await read(page(1))).cache).toBe('hit');
  });

  it('changes in_stock lists and their counts when the last unit sells, and no others', async () => {
    const last = products[0]!;
    const inStock = page(1, '&in_stock=true');
    const before = await read(inStock);
    expect(before.body.results.map((p) => p.id)).toContain(last.id);
    await read(page(3));
    await buy(last);
    const after = await read(inStock);
    expect(after.cache).toBe('miss');
    expect(after.body.results.map((p) => p.id)).not.toContain(last.id);
    expect(after.body.count).toBe(before.body.count - 1);
    expect((await read(page(3))).cache).toBe('hit');
  });

  it('answers 304 while a page is unchanged and 200 with a new ETag once what it shows has sold', async () => {
    const sold = products[12]!; // page 2
    const { etag } = await read(page(2));
    expect((await app.fetch(page(2), { headers: { 'if-none-match': etag! } })).status).toBe(304);
    await buy(sold);
    const fresh = await app.fetch(page(2), { headers: { 'if-none-match': etag! } });
    expect(fresh.status).toBe(200);
    expect(fresh.headers.get('etag')).not.toBe(etag);
  });

  it('is never stale in a second server process over the same database', async () => {
    const { createApp, createLogger } = await import('@nexus/server');
    const http = await import('node:http');
    const other = createApp({ db: app.db, config: app.config, logger: createLogger(app.config) });
    const server = http.createServer(other.app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as import('node:net').AddressInfo).port}`;
    try {
      const sold = products[20]!;
      const path = `/api/v1/products/${sold.id}`;
      await fetch(base + path);
      expect((await fetch(base + path)).headers.get('x-cache')).toBe('hit');
      await buy(sold, 5);
      const after = await fetch(base + path);
      expect(after.headers.get('x-cache')).toBe('miss');
      expect(((await after.json()) as Product).stock).toBe(45);
    } finally {
      server.close();
      await other.close();
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRICE_RANGE_EDGES, RATING_THRESHOLDS } from '@nexus/contract';
import type { Category, Facets, FacetsQueryInput, Product } from '@nexus/client-sdk';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { expectProblem } from '../support/expect-problem.js';
import { createCategory, signUpAdmin, type SignedIn } from '../support/fixtures.js';

let app: TestApp;
let admin: SignedIn;
let categories: Category[];
beforeAll(async () => {
  app = await startTestApp();
  admin = await signUpAdmin(app);
  const root = await createCategory(admin, { name: 'Outdoor' });
  const tents = await createCategory(admin, { name: 'Tents', parent_id: root.id });
  const domes = await createCategory(admin, { name: 'Domes', parent_id: tents.id });
  const stoves = await createCategory(admin, { name: 'Stoves', parent_id: root.id });
  const books = await createCategory(admin, { name: 'Books' });
  categories = [root, tents, domes, stoves, books];
  const leaves = [tents, domes, stoves, books, root];
  const prices = ['3.50', '9.99', '10.00', '24.99', '49.00', '75.00', '120.00', '260.00', '999.99', '4000.00'];
  for (let i = 0; i < 40; i += 1) {
    const product = await admin.client.products.create({
      body: {
        name: `${i % 3 === 0 ? 'Trail widget' : 'Camp gadget'} ${i}`,
        price: prices[i % prices.length]!,
        stock: i % 4 === 0 ? 0 : i,
        category_id: leaves[i % leaves.length]!.id,
      },
    });
    if (i % 5 !== 0) {
      await app.db
        .updateTable('products')
        .set({ rating_avg: `${(i % 5) + 0.5}`.slice(0, 3), review_count: 1 })
        .where('id', '=', product.id)
        .execute();
    }
  }
});
afterAll(() => app.close());

/** Every product the catalogue query lists for `query`, walked page by page. */
async function walk(query: FacetsQueryInput): Promise<Product[]> {
  const all: Product[] = [];
  for await (const product of app.client().products.iterate({ ...query, page_size: 100 })) all.push(product);
  return all;
}

/** The facets as the contract defines them, computed from the list itself. */
async function reference(query: FacetsQueryInput): Promise<Facets> {
  const { category: _c, ...noCategory } = query;
  const { min_price: _min, max_price: _max, ...noPrice } = query;
  const { in_stock: _s, ...noStock } = query;
  const { min_rating: _r, ...noRating } = query;
  const byCategory = await walk(noCategory);
  const parentOf = new Map(categories.map((c) => [c.id, c.parent_id]));
  const counts = new Map<string, number>();
  for (const product of byCategory) {
    for (let id: string | null | undefined = product.category_id; id; id = parentOf.get(id)) {
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
  }
  const priced = await walk(noPrice);
  const stocked = await walk(noStock);
  const rated = await walk(noRating);
  return {
    count: (await walk(query)).length,
    categories: categories
      .filter((c) => counts.has(c.id))
      .map((c) => ({ id: c.id, slug: c.slug, name: c.name, parent_id: c.parent_id, count: counts.get(c.id)! })),
    price_ranges: PRICE_RANGE_EDGES.map((min, i) => {
      const max = PRICE_RANGE_EDGES[i + 1] ?? null;
      const count = priced.filter(
        (p) => Number(p.price) >= Number(min) && (max === null || Number(p.price) < Number(max)),
      ).length;
      return { min, max, count };
    }).filter((range) => range.count > 0),
    in_stock: { true: stocked.filter((p) => p.stock > 0).length, false: stocked.filter((p) => p.stock === 0).length },
    ratings: RATING_THRESHOLDS.map((threshold) => ({
      min_rating: threshold,
      count: rated.filter((p) => Number(p.rating_avg ?? 0) >= threshold).length,
    })),
  };
}

const byId = (facets: Facets) => ({
  ...facets,
  categories: [...facets.categories].sort((a, b) => (a.id < b.id ? -1 : 1)),
});

describe('GET /products/facets', () => {
  const queries: FacetsQueryInput[] = [
    {},
    { category: 'outdoor' },
    { category: 'tents', in_stock: true },
    { min_price: '10', max_price: '99.99' },
    { search: 'widget' },
    { category: 'outdoor', min_rating: '3', in_stock: true },
    { search: 'gadget', min_price: '50', min_rating: '2' },
  ];
  for (const query of queries) {
    it(`counts each facet with every other filter applied: ${JSON.stringify(query)}`, async () => {
      const facets = await app.client().products.facets({ query });
      expect(byId(facets)).toEqual(byId(await reference(query)));
      // Depth first, siblings by name: Books, Outdoor > Stoves, Tents > Domes (those with products).
      const order = ['books', 'outdoor', 'stoves', 'tents', 'domes'];
      const slugs = facets.categories.map((c) => c.slug);
      expect(slugs).toEqual(order.filter((slug) => slugs.includes(slug)));
    });
  }

  it('is never stale: a stock reaching zero and a new price show at once', async () => {
    const before = await app.client().products.facets({ query: { category: 'stoves' } });
    const stove = (await walk({ category: 'stoves', in_stock: true }))[0]!;
    await admin.client.products.update({ params: { id: stove.id }, body: { stock: 0, price: '2.00' } });
    const after = await app.client().products.facets({ query: { category: 'stoves' } });
    expect(after.in_stock).toEqual({ true: before.in_stock.true - 1, false: before.in_stock.false + 1 });
    expect(byId(after)).toEqual(byId(await reference({ category: 'stoves' })));
  });

  it('answers an unknown category with 400, like the list', async () => {
    const answer = await app.fetch('/api/v1/products/facets?category=nowhere');
    expect((await expectProblem(answer, 'validation_failed')).errors?.[0]?.path).toBe('category');
  });

  it('is a cached catalogue read with an ETag', async () => {
    const first = await app.fetch('/api/v1/products/facets?in_stock=true');
    const etag = first.headers.get('etag');
    expect(etag).toBeTruthy();
    const again = await app.fetch('/api/v1/products/facets?in_stock=true', { headers: { 'if-none-match': etag! } });
    expect(again.status).toBe(304);
  });
});

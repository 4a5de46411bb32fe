import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRODUCT_ORDERINGS, type Category, type Product, type ProductListQueryInput } from '@nexus/contract';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { expectProblem } from '../support/expect-problem.js';
import { createCategory, createProduct, signUpAdmin, type SignedIn } from '../support/fixtures.js';

let app: TestApp;
let admin: SignedIn;
const tree: Record<string, Category> = {};
let all: Product[];

// electronics > computers > laptops, electronics > phones, kitchen: a small tree with names and prices
// that repeat on purpose, so every ordering has ties that only the id can break.
beforeAll(async () => {
  app = await startTestApp();
  admin = await signUpAdmin(app);
  tree.electronics = await createCategory(admin, { name: 'Electronics' });
  tree.computers = await createCategory(admin, { name: 'Computers', parent_id: tree.electronics.id });
  tree.laptops = await createCategory(admin, { name: 'Laptops', parent_id: tree.computers.id });
  tree.phones = await createCategory(admin, { name: 'Phones', parent_id: tree.electronics.id });
  tree.kitchen = await createCategory(admin, { name: 'Kitchen' });
  const specs: Array<[string, string, keyof typeof tree, number, string]> = [
    ['Laptop Pro 14', '1299.00', 'laptops', 5, '14-inch laptop with a bright display'],
    ['Laptop Air 13', '999.00', 'laptops', 0, 'Light and quiet'],
    ['laptop stand', '49.90', 'computers', 12, 'Aluminium stand for any laptop'],
    ['Gaming Laptop', '1299.00', 'laptops', 2, 'Fast GPU, loud fans'],
    ['Desktop Tower', '1299.00', 'computers', 1, 'Quiet desktop'],
    ['Phone X', '799.00', 'phones', 30, 'Café-proof glass'],
    ['Phone Mini', '499.00', 'phones', 0, 'Small phone'],
    ['Phone Case', '19.99', 'phones', 100, 'Protective case for Phone X'],
    ['Espresso Machine', '249.00', 'kitchen', 3, 'Makes café crème at home'],
    ['Kettle', '19.99', 'kitchen', 0, 'Boils water'],
    ['Toaster', '19.99', 'kitchen', 7, 'Two slots'],
    ['apple Slicer', '9.50', 'kitchen', 4, 'Slices apples'],
    ['Zebra Mug', '9.50', 'kitchen', 4, 'A mug'],
    ['Éclair Mould', '12.00', 'kitchen', 4, 'Pastry mould'],
    ['Walnut Board', '30.00', 'kitchen', 1, 'Solid wood'],
    ['Cutting Board', '25.00', 'kitchen', 1, 'Made of walnut and oak'],
  ];
  for (const [name, price, category, stock, description] of specs) {
    await createProduct(admin, { name, price, category_id: tree[category]!.id, stock, description });
  }
  // Give a few products the same created_at so that ordering too has ties.
  const same = new Date('2026-01-01T00:00:00.000Z').toISOString();
  await app.db
    .updateTable('products')
    .set({ created_at: same })
    .where('name', 'in', ['Kettle', 'Toaster', 'Zebra Mug', 'Phone Case'])
    .execute();
  all = (await app.client().products.list({ query: { page_size: 100 } })).results;
});
afterAll(() => app.close());

const list = (query: ProductListQueryInput) => app.client().products.list({ query });
const ids = (products: Product[]) => products.map((p) => p.id);
const names = (products: Product[]) => products.map((p) => p.name).sort();

/** The reference order of API.md for each ordering, computed in JS with exact decimal comparison. */
function referenceSort(products: Product[], ordering: (typeof PRODUCT_ORDERINGS)[number]): Product[] {
  const cents = (p: Product) => BigInt(p.price.replace('.', ''));
  const key: Record<string, (a: Product, b: Product) => number> = {
    price: (a, b) => (cents(a) < cents(b) ? -1 : cents(a) > cents(b) ? 1 : 0),
    created_at: (a, b) => a.created_at.localeCompare(b.created_at),
    name: (a, b) =>
      a.name.toLowerCase() < b.name.toLowerCase() ? -1 : a.name.toLowerCase() > b.name.toLowerCase() ? 1 : 0,
    // Unrated counts as 0.
    rating: (a, b) => Number(a.rating_avg ?? 0) - Number(b.rating_avg ?? 0),
  };
  const alias: Record<string, string> = { newest: '-created_at', oldest: 'created_at' };
  const effective = alias[ordering] ?? ordering;
  const descending = effective.startsWith('-');
  const compare = key[effective.replace('-', '')]!;
  const byId = (a: Product, b: Product) => (a.id < b.id ? -1 : 1);
  return [...products].sort((a, b) => (descending ? -1 : 1) * (compare(a, b) || byId(a, b)));
}

async function walkPages(query: ProductListQueryInput, pageSize: number): Promise<Product[]> {
  const seen: Product[] = [];
  for (let page = 1; ; page += 1) {
    const response = await list({ ...query, page, page_size: pageSize });
    seen.push(...response.results);
    if (!response.next) return seen;
  }
}

async function walkCursor(query: ProductListQueryInput, pageSize: number): Promise<Product[]> {
  let response = await list({ ...query, page_size: pageSize });
  const seen = [...response.results];
  while (response.next_cursor) {
    response = await list({ ...query, page_size: pageSize, cursor: response.next_cursor });
    expect(response.count).toBeNull();
    expect(response.previous).toBeNull();
    seen.push(...response.results);
  }
  return seen;
}

describe('the category filter', () => {
  it('matches the category and all its descendants, by id or by slug', async () => {
    for (const ref of [tree.electronics!.id, 'electronics']) {
      const page = await list({ category: ref, page_size: 100 });
      expect(page.count).toBe(8);
      expect(page.results.every((p) => ['laptops', 'computers', 'phones'].includes(p.category.slug))).toBe(true);
    }
    expect((await list({ category: 'computers' })).count).toBe(5);
    expect((await list({ category: 'laptops' })).count).toBe(3);
  });

  it('answers 400 for an unknown category', async () => {
    const problem = await expectProblem(await app.fetch('/api/v1/products?category=nothing-here'), 'validation_failed');
    expect(problem.errors).toEqual([{ path: 'category', message: expect.stringContaining('nothing-here') }]);
  });
});

describe('price, stock and search filters', () => {
  it('applies inclusive price bounds', async () => {
    const page = await list({ min_price: '19.99', max_price: '249', page_size: 100 });
    expect(names(page.results)).toEqual(names(all.filter((p) => Number(p.price) >= 19.99 && Number(p.price) <= 249)));
    expect(page.results.map((p) => p.price)).toContain('19.99');
    expect(page.results.map((p) => p.price)).toContain('249.00');
  });

  it('rejects bad price bounds: not a number, or min above max', async () => {
    expect(
      (await expectProblem(await app.fetch('/api/v1/products?min_price=abc'), 'validation_failed')).errors?.[0]?.path,
    ).toBe('min_price');
    expect(
      (await expectProblem(await app.fetch('/api/v1/products?min_price=10&max_price=9.99'), 'validation_failed'))
        .errors?.[0]?.path,
    ).toBe('min_price');
  });

  it('in_stock=true keeps only products with stock > 0', async () => {
    const page = await list({ in_stock: true, page_size: 100 });
    expect(names(page.results)).toEqual(names(all.filter((p) => p.stock > 0)));
    expect((await list({ in_stock: false })).count).toBe(all.length);
  });

  it('finds words by prefix, case-insensitively: "lapt" finds "Laptop Pro 14"', async () => {
    const page = await list({ search: 'LAPT', page_size: 100 });
    expect(names(page.results)).toEqual(['Gaming Laptop', 'Laptop Air 13', 'Laptop Pro 14', 'laptop stand']);
  });

  it('requires every word to match', async () => {
    expect(names((await list({ search: 'lapt pro' })).results)).toEqual(['Laptop Pro 14']);
    expect((await list({ search: 'laptop kettle' })).count).toBe(0);
  });

  it('ignores accents both ways: "cafe" finds "Café", "eclair" finds "Éclair"', async () => {
    expect(names((await list({ search: 'cafe' })).results)).toEqual(['Espresso Machine', 'Phone X']);
    expect(names((await list({ search: 'éclair' })).results)).toEqual(['Éclair Mould']);
    expect(names((await list({ search: 'eclair' })).results)).toEqual(['Éclair Mould']);
  });

  it('ranks name matches above description-only matches when no ordering is given', async () => {
    // The description-only match is the newer one, so newest-first would put it on top: only relevance puts the name match first.
    expect((await list({ search: 'walnut' })).results.map((p) => p.name)).toEqual(['Walnut Board', 'Cutting Board']);
    expect((await list({ search: 'walnut', ordering: 'newest' })).results.map((p) => p.name)).toEqual([
      'Cutting Board',
      'Walnut Board',
    ]);
  });

  it('treats search text as words only, never as query syntax', async () => {
    expect((await list({ search: "lapt:* | ! & ('" })).count).toBe(4);
    await expectProblem(await app.fetch('/api/v1/products?search=%21%21%21'), 'validation_failed');
  });

  it('combines every filter', async () => {
    const page = await list({
      category: 'electronics',
      min_price: '500',
      max_price: '1300',
      in_stock: true,
      search: 'lap',
      ordering: '-price',
    });
    expect(page.results.map((p) => p.name)).toEqual(
      referenceSort(
        all.filter((p) => ['Laptop Pro 14', 'Gaming Laptop'].includes(p.name)),
        '-price',
      ).map((p) => p.name),
    );
  });
});

describe('ordering', () => {
  it.each(PRODUCT_ORDERINGS)('ordering=%s sorts as specified, ties broken by id', async (ordering) => {
    const page = await list({ ordering, page_size: 100 });
    expect(ids(page.results)).toEqual(ids(referenceSort(all, ordering)));
  });

  it.each(PRODUCT_ORDERINGS)(
    'ordering=%s within a category and its descendants sorts the same way',
    async (ordering) => {
      const page = await list({ category: 'electronics', ordering, page_size: 100 });
      const inTree = all.filter((p) => ['laptops', 'computers', 'phones'].includes(p.category.slug));
      expect(ids(page.results)).toEqual(ids(referenceSort(inTree, ordering)));
    },
  );

  it('defaults to newest first', async () => {
    expect(ids((await list({ page_size: 100 })).results)).toEqual(ids(referenceSort(all, '-created_at')));
  });

  it('rejects an unknown ordering', async () => {
    expect(
      (await expectProblem(await app.fetch('/api/v1/products?ordering=foo'), 'validation_failed')).errors?.[0]?.path,
    ).toBe('ordering');
  });
});

describe('paging', () => {
  const queries: Array<[string, ProductListQueryInput]> = [
    ...PRODUCT_ORDERINGS.map((ordering): [string, ProductListQueryInput] => [`ordering=${ordering}`, { ordering }]),
    ['search by relevance', { search: 'a' }],
    ['filtered', { category: 'electronics', in_stock: true, ordering: 'price' }],
    ...PRODUCT_ORDERINGS.map((ordering): [string, ProductListQueryInput] => [
      `category=electronics&ordering=${ordering}`,
      { category: 'electronics', ordering },
    ]),
    ['search in a category', { category: 'electronics', search: 'e' }],
  ];

  it.each(queries)(
    'walking every page (size 3) and walking by cursor give the same sequence, no repeats or gaps: %s',
    async (_label, query) => {
      const expected = (await list({ ...query, page_size: 100 })).results;
      const byPage = await walkPages(query, 3);
      const byCursor = await walkCursor(query, 3);
      expect(ids(byPage)).toEqual(ids(expected));
      expect(ids(byCursor)).toEqual(ids(expected));
      expect(new Set(ids(byCursor)).size).toBe(byCursor.length);
    },
  );

  it('answers the envelope with next/previous links keeping every other parameter', async () => {
    const page = await list({ category: 'electronics', ordering: 'price', page: 2, page_size: 3 });
    expect(page.count).toBe(8);
    expect(page.next).toBe('/api/v1/products?category=electronics&ordering=price&page=3&page_size=3');
    expect(page.previous).toBe('/api/v1/products?category=electronics&ordering=price&page=1&page_size=3');
    const last = await list({ category: 'electronics', ordering: 'price', page: 3, page_size: 3 });
    expect(last.next).toBeNull();
    expect(last.next_cursor).toBeNull();
  });

  it('gives a cursor-mode next link that continues the walk', async () => {
    const first = await list({ ordering: 'name', page_size: 4 });
    const second = await app.fetch(`/api/v1/products?ordering=name&page_size=4&cursor=${first.next_cursor}`);
    const body = (await second.json()) as { next: string; results: Product[] };
    const third = (await (await app.fetch(body.next)).json()) as { results: Product[] };
    expect(ids(third.results)).toEqual(ids(referenceSort(all, 'name').slice(8, 12)));
  });

  it('rejects page=0, page_size over 100 and a non-numeric page', async () => {
    for (const query of ['page=0', 'page_size=101', 'page=two']) {
      expect(
        (await expectProblem(await app.fetch(`/api/v1/products?${query}`), 'validation_failed')).errors?.[0]?.path,
      ).toBe(query.split('=')[0]);
    }
  });
});

describe('cursor safety', () => {
  it('refuses a forged, truncated or garbage cursor with 400, never a 500', async () => {
    const { next_cursor } = await list({ ordering: 'price', page_size: 2 });
    const [data, mac] = next_cursor!.split('.');
    const forgedPayload = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(data!, 'base64url').toString()), v: '0.01' }),
    ).toString('base64url');
    for (const cursor of [
      `${forgedPayload}.${mac}`,
      `${data}.${mac!.slice(0, -2)}`,
      'garbage',
      `${data}`,
      `${data}.${mac}.x`,
      "'; drop table products; --",
    ]) {
      const problem = await expectProblem(
        await app.fetch(`/api/v1/products?ordering=price&page_size=2&cursor=${encodeURIComponent(cursor)}`),
        'validation_failed',
      );
      expect(problem.errors?.[0]?.path).toBe('cursor');
    }
  });

  it('refuses a cursor from another query (other ordering or filters)', async () => {
    const { next_cursor } = await list({ ordering: 'price', page_size: 2 });
    await expectProblem(
      await app.fetch(`/api/v1/products?ordering=-price&page_size=2&cursor=${next_cursor}`),
      'validation_failed',
    );
    await expectProblem(
      await app.fetch(`/api/v1/products?ordering=price&in_stock=true&page_size=2&cursor=${next_cursor}`),
      'validation_failed',
    );
  });
});

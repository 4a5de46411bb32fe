import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRODUCT_ORDERINGS, type Product, type ProductListQueryInput } from '@nexus/contract';
import { generateCatalogue } from '../../server/src/seed/generate-catalogue.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
  await generateCatalogue(app.db, { products: 3000, categories: 31, seed: 7 });
});
afterAll(() => app.close());

const fingerprint = async (target: TestApp) =>
  (
    await sql<{
      digest: string;
    }>`select md5(string_agg(concat_ws('|', p.id, p.name, p.slug, p.description, p.price, p.stock, c.slug, p.created_at), ',' order by p.id)) as digest
      from products p join categories c on c.id = p.category_id`.execute(target.db)
  ).rows[0]!.digest;

describe('pnpm db:generate', () => {
  it('is deterministic: the same seed gives the same rows, another seed other rows', async () => {
    const other = await startTestApp();
    try {
      await generateCatalogue(other.db, { products: 3000, categories: 31, seed: 7 });
      expect(await fingerprint(other)).toBe(await fingerprint(app));
      await generateCatalogue(other.db, { products: 3000, categories: 31, seed: 8 });
      expect(await fingerprint(other)).not.toBe(await fingerprint(app));
    } finally {
      await other.close();
    }
  });

  it('sells a fifth of the products in 2 to 6 sizes, with products.price, stock and SKUs exactly their variants’', async () => {
    const { rows } = await sql<{ multi: number; most: number; least: number; inexact: number; unsearchable: number }>`
      with v as (
        select product_id, count(*)::int as n, min(price) as price, sum(stock)::int as stock,
               string_agg(sku, ' ' order by position) as skus
          from product_variants group by product_id)
      select avg((v.n > 1)::int)::float8 as multi, max(v.n) as most, min(v.n) as least,
             count(*) filter (where (p.price, p.stock, p.skus) is distinct from (v.price, v.stock, v.skus))::int as inexact,
             count(*) filter (where v.n > 1 and jsonb_array_length(p.options) <> 1)::int as unsearchable
        from products p join v on v.product_id = p.id`.execute(app.db);
    expect(rows[0]).toMatchObject({ least: 1, most: 6, inexact: 0, unsearchable: 0 });
    expect(rows[0]!.multi).toBeGreaterThan(0.17);
    expect(rows[0]!.multi).toBeLessThan(0.23);
    const multi = await app.db
      .selectFrom('products')
      .select('id')
      .where(sql<boolean>`jsonb_array_length(options) = 1`)
      .limit(1)
      .executeTakeFirstOrThrow();
    const product = await app.client().products.get({ params: { id: multi.id } });
    expect(product.variants[0]!.price).toBe(product.price);
    expect(product.variants.map((v) => v.title)).toEqual(product.options[0]!.values);
    const found = await app.client().products.list({ query: { search: product.variants[1]!.sku } });
    expect(found.results.map((p) => p.id)).toContain(product.id);
  });

  it('makes a three-level tree and realistic data: ~10 % out of stock, prices 1.00 to 5000.00 skewed low', async () => {
    const { rows } = await sql<{ levels: number; zero: number; min: string; max: string; median: string }>`
      select (select max(nlevel(path)) from categories)::int as levels,
             avg((stock = 0)::int)::float8 as zero, min(price)::text as min, max(price)::text as max,
             percentile_disc(0.5) within group (order by price)::text as median
      from products`.execute(app.db);
    const stats = rows[0]!;
    expect(stats.levels).toBe(3);
    expect(stats.zero).toBeGreaterThan(0.07);
    expect(stats.zero).toBeLessThan(0.13);
    expect(Number(stats.min)).toBeGreaterThanOrEqual(1);
    expect(Number(stats.max)).toBeLessThanOrEqual(5000);
    expect(Number(stats.median)).toBeLessThan(1250);
  });
});

describe('on generated data', () => {
  const list = (query: ProductListQueryInput) => app.client().products.list({ query });

  it.each(PRODUCT_ORDERINGS)('the cursor walk and the page walk agree under ordering=%s', async (ordering) => {
    const department = 'department-1';
    const byPage: Product[] = [];
    for (let page = 1; ; page += 1) {
      const response = await list({ category: department, ordering, page, page_size: 100 });
      byPage.push(...response.results);
      if (!response.next) break;
    }
    const byCursor: Product[] = [];
    let response = await list({ category: department, ordering, page_size: 100 });
    byCursor.push(...response.results);
    while (response.next_cursor) {
      response = await list({ category: department, ordering, page_size: 100, cursor: response.next_cursor });
      byCursor.push(...response.results);
    }
    expect(byCursor.map((p) => p.id)).toEqual(byPage.map((p) => p.id));
    expect(byPage.length).toBe((await list({ category: department })).count);
    expect(new Set(byPage.map((p) => p.id)).size).toBe(byPage.length);
  });

  it('keeps the maintained per-category counts exact through inserts, stock changes, moves and deletes', async () => {
    const exact = async () => {
      const { rows } = await sql<{ mismatches: number }>`
        select count(*)::int as mismatches from categories c
        left join category_product_counts k on k.category_id = c.id
        left join lateral (select count(*) as products, count(*) filter (where stock > 0) as in_stock from products p where p.category_id = c.id) real on true
        where coalesce(k.products, 0) <> real.products or coalesce(k.in_stock, 0) <> real.in_stock`.execute(app.db);
      return rows[0]!.mismatches;
    };
    expect(await exact()).toBe(0);
    const [a, b] = (
      await app.db
        .selectFrom('categories')
        .select('id')
        .where(sql`nlevel(path)`, '=', 3)
        .orderBy('slug')
        .limit(2)
        .execute()
    ).map((r) => r.id);
    await app.db
      .updateTable('products')
      .set({ stock: 0 })
      .where('category_id', '=', a!)
      .where('stock', '>', 0)
      .execute();
    await app.db
      .updateTable('products')
      .set({ category_id: b! })
      .where('category_id', '=', a!)
      .where('price', '<', '100')
      .execute();
    await app.db.deleteFrom('products').where('category_id', '=', b!).where('price', '>', '2000').execute();
    await app.db
      .insertInto('products')
      .values({ name: 'Counted', slug: 'counted-1', price: '5.00', stock: 3, category_id: a! })
      .execute();
    expect(await exact()).toBe(0);
    const viaApi = await list({ category: 'department-1', in_stock: true });
    const { rows } = await sql<{
      n: number;
    }>`select count(*)::int as n from products p join categories c on c.id = p.category_id
      where c.path <@ (select path from categories where slug = 'department-1') and p.stock > 0`.execute(app.db);
    expect(viaApi.count).toBe(rows[0]!.n);
  });
});

// pnpm db:explain: EXPLAIN (ANALYZE, BUFFERS) of every catalogue scenario, compiled from the very query
// builders the server runs, against DATABASE_URL (or the embedded database). Meant for a generated catalogue:
//   pnpm db:generate --products 1000000 && pnpm db:explain
import { sql, type Compilable, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '@nexus/db';
import { withCliDatabase } from './cli-database.js';
import { listCategories } from '../modules/categories/categories.queries.js';
import {
  catalogueQuery,
  countQuery,
  maintainedCountQuery,
  resolveOrdering,
  toPrefixTsquery,
  type CatalogueFilters,
  type CatalogueRequest,
} from '../modules/products/product-catalogue.js';
import { selectProducts } from '../modules/products/products.queries.js';
import { facetsQuery } from '../modules/products/catalogue-facets.js';

const verbose = process.argv.includes('--verbose');

async function explain(label: string, query: Compilable<unknown>, db: Kysely<DB>) {
  const { sql: text, parameters } = query.compile();
  const plan = await sql
    .raw<{ 'QUERY PLAN': string }>(`explain (analyze, buffers, format text) ${inline(text, parameters)}`)
    .execute(db);
  const lines = plan.rows.map((row) => row['QUERY PLAN']);
  const time = lines.find((line) => line.startsWith('Execution Time'));
  const indexes = [
    ...new Set(
      lines.flatMap((line) => [...line.matchAll(/(?:using|on) (\w+_idx|\w+_key|\w+_pkey)/g)].map((m) => m[1])),
    ),
  ];
  console.log(`\n## ${label}\n${time}; indexes: ${indexes.join(', ') || 'none'}`);
  if (verbose) console.log(lines.map((line) => `    ${line}`).join('\n'));
  else
    console.log(
      lines
        .slice(0, 12)
        .map((line) => `    ${line}`)
        .join('\n'),
    );
}

// EXPLAIN cannot take bind parameters through the simple protocol: inline them as quoted literals.
function inline(text: string, parameters: readonly unknown[]): string {
  return text.replace(/\$(\d+)/g, (_, n: string) => {
    const value = parameters[Number(n) - 1];
    return typeof value === 'number' ? String(value) : `'${String(value).replace(/'/g, "''")}'`;
  });
}

await withCliDatabase(async (db) => {
  // The count statement the API runs for these filters: maintained per-category counts when they apply.
  const apiCount = (filters: CatalogueFilters) => maintainedCountQuery(db, filters) ?? countQuery(db, filters);

  const root = await db
    .selectFrom('categories')
    .select(['id', 'slug'])
    .where('parent_id', 'is', null)
    .orderBy('slug')
    .executeTakeFirstOrThrow();
  const base = { limit: 20, offset: 0, mediaBase: 'http://localhost:3000/media/' };
  const scenario = (
    filters: CatalogueRequest['filters'],
    ordering: Parameters<typeof resolveOrdering>[0] = {},
  ): CatalogueRequest => ({
    ...base,
    filters,
    ordering: resolveOrdering({ ...ordering, search: filters.searchText }),
  });
  const parentPriceRange = scenario(
    { categoryRef: root.slug, minPrice: '100.00', maxPrice: '500.00' },
    { ordering: '-price' },
  );
  const rare = scenario({ searchText: toPrefixTsquery('holographic') });
  const common = scenario({ searchText: toPrefixTsquery('durable') });
  const searchInCategory = scenario({ searchText: toPrefixTsquery('durable'), categoryRef: root.slug });

  await explain('default list (newest first), rows', catalogueQuery(db, scenario({})), db);
  await explain('default list, count (maintained)', apiCount({}), db);
  await explain(
    `parent category ${root.slug} + price 100–500 + ordering=-price, rows`,
    catalogueQuery(db, parentPriceRange),
    db,
  );
  await explain('same, count (then cached per catalogue version)', apiCount(parentPriceRange.filters), db);
  await explain('search rare word (holographic), rows', catalogueQuery(db, rare), db);
  await explain('search rare word, count (then cached)', apiCount(rare.filters), db);
  await explain('search common word (durable), rows', catalogueQuery(db, common), db);
  await explain('search common word, count (then cached)', apiCount(common.filters), db);
  await explain(
    `department ${root.slug} in stock, count (maintained)`,
    apiCount({ categoryRef: root.slug, inStock: true }),
    db,
  );
  await explain(`search common word in ${root.slug}, rows`, catalogueQuery(db, searchInCategory), db);
  const bestRated = scenario({}, { ordering: '-rating' });
  const ratedAtLeast4 = scenario({ minRating: '4' });
  const departmentBestRated = scenario({ categoryRef: root.slug }, { ordering: '-rating' });
  await explain('best rated first (ordering=-rating), rows', catalogueQuery(db, bestRated), db);
  await explain('min_rating=4 (newest first), rows', catalogueQuery(db, ratedAtLeast4), db);
  await explain('min_rating=4, count (then cached)', apiCount(ratedAtLeast4.filters), db);
  await explain(`department ${root.slug}, ordering=-rating, rows`, catalogueQuery(db, departmentBestRated), db);
  await explain('deep page: page=500 (OFFSET 9980)', catalogueQuery(db, { ...scenario({}), offset: 9980 }), db);
  const boundary = await catalogueQuery(db, { ...scenario({}), offset: 9979, limit: 0 }).executeTakeFirstOrThrow();
  await explain(
    'deep page by cursor (same rows, keyset)',
    catalogueQuery(db, { ...scenario({}), after: { value: boundary.sort_key as string, id: boundary.id } }),
    db,
  );
  await explain('product detail', selectProducts(db, base.mediaBase).where('p.id', '=', boundary.id), db);
  await explain(
    'SKU prefix search (a variant of a multi-size product)',
    catalogueQuery(db, scenario({ searchText: toPrefixTsquery('SKU-0A1') })),
    db,
  );
  // A raw statement compiles against the database it will run on.
  const compiled = (query: RawBuilder<unknown>) => ({ compile: () => query.compile(db) });
  await explain('facets: whole catalogue', compiled(facetsQuery(db, {})), db);
  await explain(
    'facets: department, in stock',
    compiled(facetsQuery(db, { categoryRef: root.slug, inStock: true })),
    db,
  );
  await explain('facets: price 100–500', compiled(facetsQuery(db, { minPrice: '100.00', maxPrice: '500.00' })), db);
  await explain('facets: search, rare word', compiled(facetsQuery(db, rare.filters)), db);
  await explain('facets: search, common word', compiled(facetsQuery(db, common.filters)), db);
  const { rows } = await listCategories(db, { page: 1, page_size: 20, parentId: root.id });
  await explain('category detail', db.selectFrom('categories').selectAll().where('id', '=', rows[0]!.id), db);
});

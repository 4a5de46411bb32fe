import { sql, type Kysely, type RawBuilder } from 'kysely';
import { PRICE_RANGE_EDGES, RATING_THRESHOLDS, type Facets } from '@nexus/contract';
import type { DB } from '@nexus/db';
import { freshnessOf, scopeVersion, type Freshness } from '../catalogue-cache/catalogue-freshness.js';
import {
  countsAreMaintained,
  maintainedCountsOf,
  productsMatching,
  type CatalogueFilters,
} from './product-catalogue.js';

type Facet = 'price' | 'in_stock' | 'ratings';

/** Each facet is counted without its own filter, so ticking a box never empties the box's own list. */
const withoutOwnFilter: Record<Facet, (filters: CatalogueFilters) => CatalogueFilters> = {
  price: ({ minPrice: _min, maxPrice: _max, ...rest }) => rest,
  in_stock: ({ inStock: _inStock, ...rest }) => rest,
  ratings: ({ minRating: _rating, ...rest }) => rest,
};

/** A count of a facet: its name in the result, and the rows it counts (all of the scan's when undefined). */
type Aggregate = [name: string, condition?: RawBuilder<boolean>];

// The counts of each facet, each over the rows matching its condition.
const AGGREGATES: Record<Facet | 'count', () => Aggregate[]> = {
  count: () => [['count']],
  price: () =>
    PRICE_RANGE_EDGES.map((min, index) => {
      const max = PRICE_RANGE_EDGES[index + 1];
      return [
        `price_${index}`,
        max ? sql`p.price >= ${min}::numeric and p.price < ${max}::numeric` : sql`p.price >= ${min}::numeric`,
      ];
    }),
  in_stock: () => [
    ['in_stock_true', sql`p.stock > 0`],
    ['in_stock_false', sql`p.stock = 0`],
  ],
  ratings: () =>
    RATING_THRESHOLDS.map((threshold) => [`rating_${threshold}`, sql`coalesce(p.rating_avg, 0) >= ${threshold}`]),
};

const isUnfiltered = (filters: CatalogueFilters) => Object.values(filters).every((value) => value === undefined);

/**
 * Counts over the products matching `filters`: one pass with a filtered count per facet value (no sort, no
 * grouping). Over the whole catalogue, a pass would read every row; there each count is instead its own range
 * of the index its condition is written over (price ranges on products_price_id_idx, ratings on
 * products_rating_id_idx), read index-only.
 */
function scan(db: Kysely<DB>, filters: CatalogueFilters, aggregates: Aggregate[]) {
  if (isUnfiltered(filters)) {
    return db.selectNoFrom(
      aggregates.map(([name, condition]) =>
        sql<number>`(select count(*) from products p ${condition ? sql`where ${condition}` : sql``})`.as(name),
      ),
    );
  }
  return productsMatching(db, filters).select(
    aggregates.map(([name, condition]) =>
      (condition ? sql<number>`count(*) filter (where ${condition})` : sql<number>`count(*)`).as(name),
    ),
  );
}

/** The count and stock facet from the maintained counts: sums over the category subtree (or every category). */
function maintainedScan(db: Kysely<DB>, filters: CatalogueFilters, facets: Array<Facet | 'count'>) {
  const column = filters.inStock ? 'in_stock' : 'products';
  const aggregates = facets.flatMap((facet): Array<[string, RawBuilder<number>]> =>
    facet === 'in_stock'
      ? [
          ['in_stock_true', sql`coalesce(sum(in_stock), 0)`],
          ['in_stock_false', sql`coalesce(sum(products - in_stock), 0)`],
        ]
      : [['count', sql`coalesce(sum(${sql.ref(column)}), 0)`]],
  );
  return maintainedCountsOf(db, filters).select(aggregates.map(([name, expression]) => expression.as(name)));
}

/**
 * The reads the facets need, as few as the filters allow: facets counted under the same filters share one scan
 * (with no price, stock or rating filter in the query, every facet but the categories is one pass); a count and
 * a stock facet filtered only by category come from the maintained counts, without reading products.
 */
function plannedScans(db: Kysely<DB>, filters: CatalogueFilters) {
  const groups = new Map<string, { filters: CatalogueFilters; facets: Array<Facet | 'count'> }>();
  const add = (facet: Facet | 'count', own: CatalogueFilters) => {
    const key = JSON.stringify(own);
    const group = groups.get(key) ?? { filters: own, facets: [] };
    group.facets.push(facet);
    groups.set(key, group);
  };
  add('count', filters);
  for (const facet of Object.keys(withoutOwnFilter) as Facet[]) add(facet, withoutOwnFilter[facet](filters));
  return [...groups.values()].flatMap((group) => {
    const maintained: Array<Facet | 'count'> = countsAreMaintained(group.filters)
      ? group.facets.filter((facet) => facet === 'count' || facet === 'in_stock')
      : [];
    const scanned = group.facets.filter((facet) => !maintained.includes(facet));
    return [
      ...(maintained.length ? [maintainedScan(db, group.filters, maintained)] : []),
      ...(scanned.length
        ? [
            scan(
              db,
              group.filters,
              scanned.flatMap((facet) => AGGREGATES[facet]()),
            ),
          ]
        : []),
    ];
  });
}

/**
 * Matching products per category and its ancestors (every filter but the category): from the maintained counts
 * when only stock filters apply, else one grouped scan; rolled up the tree through the materialised paths.
 */
function categoryFacet(db: Kysely<DB>, filters: CatalogueFilters) {
  const own: CatalogueFilters = { ...filters, categoryRef: undefined };
  const perCategory = countsAreMaintained(own)
    ? sql`select category_id, ${sql.ref(own.inStock ? 'in_stock' : 'products')} as n from category_product_counts`
    : sql`${productsMatching(db, own)
        .select(['p.category_id', sql<number>`count(*)`.as('n')])
        .groupBy('p.category_id')}`;
  return sql<Facets['categories']>`(
    select coalesce(jsonb_agg(jsonb_build_object('id', a.id, 'slug', a.slug, 'name', a.name,
                                                 'parent_id', a.parent_id, 'count', t.count) ), '[]'::jsonb)
      from (select a.id, sum(pc.n)::bigint as count
              from (${perCategory}) pc
              join categories d on d.id = pc.category_id
              join categories a on a.path @> d.path
             where pc.n > 0
             group by a.id) t
      join categories a on a.id = t.id)`;
}

/**
 * Depth first, siblings by name: how a sidebar lists them. Every ancestor of a counted category is counted too
 * (its count includes its descendants'), so each category's chain of names up to its root is at hand.
 */
function inTreeOrder(categories: Facets['categories']): Facets['categories'] {
  const byId = new Map(categories.map((category) => [category.id, category]));
  const chain = (category: Facets['categories'][number]): string[] => {
    const parent = category.parent_id ? byId.get(category.parent_id) : undefined;
    return [...(parent ? chain(parent) : []), category.name.toLowerCase(), category.id];
  };
  const keys = new Map(categories.map((category) => [category.id, chain(category)]));
  const compare = (a: string[], b: string[]): number => {
    for (let i = 0; i < Math.min(a.length, b.length); i += 1) {
      if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
    }
    return a.length - b.length;
  };
  return [...categories].sort((a, b) => compare(keys.get(a.id)!, keys.get(b.id)!));
}

/** The one statement behind the facets of `filters`: every count, and the versions they depend on. */
export function facetsQuery(db: Kysely<DB>, filters: CatalogueFilters) {
  const scans = plannedScans(db, filters);
  return sql<Record<string, unknown>>`
    select ${categoryFacet(db, filters)} as categories,
           ${sql.join(
             scans.map((scan) => sql`(select to_jsonb(s) from (${scan}) s)`),
             sql` || `,
           )} as counts,
           ${scopeVersion('structure')} as v_structure,
           ${scopeVersion('availability')} as v_availability,
           ${scopeVersion('ratings')} as v_ratings`;
}

/** The facets of the filters, and what they depend on, in one statement (one snapshot, one round trip). */
export async function readFacets(
  db: Kysely<DB>,
  filters: CatalogueFilters,
): Promise<{ facets: Facets; freshness: Freshness }> {
  const { rows } = await facetsQuery(db, filters).execute(db);
  const row = rows[0]!;
  const counts = Object.fromEntries(
    Object.entries(row.counts as Record<string, string | number>).map(([key, value]) => [key, Number(value)]),
  );
  return {
    facets: {
      count: counts.count!,
      categories: inTreeOrder(
        (row.categories as Facets['categories']).map((category) => ({ ...category, count: Number(category.count) })),
      ),
      price_ranges: PRICE_RANGE_EDGES.map((min, index) => ({
        min,
        max: PRICE_RANGE_EDGES[index + 1] ?? null,
        count: counts[`price_${index}`]!,
      })).filter((range) => range.count > 0),
      in_stock: { true: counts.in_stock_true!, false: counts.in_stock_false! },
      ratings: RATING_THRESHOLDS.map((threshold) => ({ min_rating: threshold, count: counts[`rating_${threshold}`]! })),
    },
    freshness: freshnessOf(
      {
        structure: Number(row.v_structure),
        availability: Number(row.v_availability),
        ratings: Number(row.v_ratings),
      },
      [],
    ),
  };
}

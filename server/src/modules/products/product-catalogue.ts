import { sql, type Expression, type ExpressionBuilder, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { Product, ProductListQuery, ProductOrdering } from '@nexus/contract';
import type { DB } from '@nexus/db';
import { isUuid } from '../categories/categories.queries.js';
import type { CursorPosition } from './product-cursor.js';
import { embeddedCategory, productColumns, productEmbeds } from './products.queries.js';
import {
  freshnessOf,
  scopeVersion,
  type Freshness,
  type FreshnessScope,
} from '../catalogue-cache/catalogue-freshness.js';

type SortKey = 'created_at' | 'price' | 'name' | 'rating' | 'relevance';
export interface Ordering {
  key: SortKey;
  descending: boolean;
}

const ORDERINGS: Record<ProductOrdering, Ordering> = {
  created_at: { key: 'created_at', descending: false },
  '-created_at': { key: 'created_at', descending: true },
  oldest: { key: 'created_at', descending: false },
  newest: { key: 'created_at', descending: true },
  price: { key: 'price', descending: false },
  '-price': { key: 'price', descending: true },
  name: { key: 'name', descending: false },
  '-name': { key: 'name', descending: true },
  rating: { key: 'rating', descending: false },
  '-rating': { key: 'rating', descending: true },
};

/** The effective ordering: as asked, else relevance for a search, else newest first. */
export function resolveOrdering(query: Pick<ProductListQuery, 'ordering' | 'search'>): Ordering {
  if (query.ordering) return ORDERINGS[query.ordering];
  return query.search ? { key: 'relevance', descending: true } : ORDERINGS['-created_at'];
}

/**
 * A tsquery where every word must match a word or word prefix: "Lapt pro" → `lapt:* & pro:*`.
 * Only letters and digits survive, so user input can never inject tsquery operators.
 */
export function toPrefixTsquery(search: string): string | undefined {
  const words = search.normalize('NFC').match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.length ? words.map((word) => `${word}:*`).join(' & ') : undefined;
}

const tsquery = (text: string) => sql`to_tsquery('nexus_search', ${text})`;

// Each sort key as an expression, and the SQL type its cursor value is compared as. These expressions
// match the index definitions in the catalogue migration exactly; change them together.
function sortExpression(key: SortKey, searchText: string | undefined): { expr: RawBuilder<unknown>; type: string } {
  switch (key) {
    case 'created_at':
      return { expr: sql`p.created_at`, type: 'timestamptz' };
    case 'price':
      return { expr: sql`p.price`, type: 'numeric' };
    case 'name':
      return { expr: sql`(lower(p.name) collate "C")`, type: 'text' };
    // Unrated products count as 0: last when best-first (the reviews migration's indexes).
    case 'rating':
      return { expr: sql`coalesce(p.rating_avg, 0)`, type: 'numeric' };
    case 'relevance':
      return { expr: sql`ts_rank(p.search_vector, ${tsquery(searchText ?? '')})`, type: 'real' };
  }
}

export interface CatalogueFilters {
  categoryRef?: string;
  minPrice?: string;
  maxPrice?: string;
  searchText?: string;
  inStock?: boolean;
  minRating?: string;
}

type ProductScope = ExpressionBuilder<DB & { p: DB['products'] }, 'p'>;

/** Ids of the category named by id or slug and of all its descendants (GiST on the materialised path). */
function subtreeIds(ref: string) {
  const root = sql`(select path from categories where ${sql.ref(isUuid(ref) ? 'id' : 'slug')} = ${ref})`;
  return sql<{ id: string }>`(select id from categories where path <@ ${root})`;
}

function matchesFilters(filters: CatalogueFilters, { includeCategory = true } = {}) {
  return (eb: ProductScope): Expression<SqlBool> => {
    const conditions: Expression<SqlBool>[] = [];
    // `= any(array(…))` makes the subtree one init-plan array: the planner then ANDs one bitmap per index
    // (category, GIN) instead of re-running the search once per category, as `in (subquery)` led it to do.
    if (filters.categoryRef && includeCategory)
      conditions.push(sql<SqlBool>`p.category_id = any(array${subtreeIds(filters.categoryRef)})`);
    if (filters.minPrice) conditions.push(sql<SqlBool>`p.price >= ${filters.minPrice}::numeric`);
    if (filters.maxPrice) conditions.push(sql<SqlBool>`p.price <= ${filters.maxPrice}::numeric`);
    if (filters.inStock) conditions.push(eb('p.stock', '>', 0));
    // Written over the rating orderings' index expression (unrated = 0), so that index serves the filter too;
    // the same rows as `rating_avg >= x`, since min_rating is at least 1.
    if (filters.minRating) conditions.push(sql<SqlBool>`coalesce(p.rating_avg, 0) >= ${filters.minRating}::numeric`);
    if (filters.searchText) conditions.push(sql<SqlBool>`p.search_vector @@ ${tsquery(filters.searchText)}`);
    return eb.and(conditions);
  };
}

export interface CatalogueRequest {
  filters: CatalogueFilters;
  ordering: Ordering;
  limit: number;
  /** Keyset mode: continue after this position. */
  after?: CursorPosition;
  /** Page mode: rows to skip. */
  offset?: number;
  /** What image URLs start with. */
  mediaBase: string;
}

/** What the catalogue query reads besides the page: the versions an answer depends on, and the maintained count. */
export interface CatalogueExtras {
  scopes: FreshnessScope[];
  /** Fold the maintained count (when the filters allow one) into the same statement. */
  withCount: boolean;
}

/** The scopes an answer to these filters and this ordering depends on (see catalogue-freshness). */
export function scopesOf(filters: CatalogueFilters, ordering: Ordering): FreshnessScope[] {
  return [
    'structure',
    ...(filters.inStock ? (['availability'] as const) : []),
    ...(filters.minRating || ordering.key === 'rating' ? (['ratings'] as const) : []),
  ];
}

/**
 * The statement behind one page: the page's rows plus one, each with its sort value (`sort_key`) for the next
 * cursor and its `row_version`, and on every row the versions of `scopes` and the maintained count, all read in
 * one statement and so from one snapshot.
 */
export function catalogueQuery(
  db: Kysely<DB>,
  request: CatalogueRequest,
  extras: CatalogueExtras = { scopes: [], withCount: false },
) {
  const { expr, type } = sortExpression(request.ordering.key, request.filters.searchText);
  const direction = request.ordering.descending ? 'desc' : 'asc';
  const comparison = sql.raw(request.ordering.descending ? '<' : '>');
  const afterCursor = () =>
    sql<SqlBool>`(${expr}, p.id) ${comparison} (${request.after!.value}::${sql.raw(type)}, ${request.after!.id}::uuid)`;
  const pageEnd = (request.offset ?? 0) + request.limit + 1;
  const maintainedCount = extras.withCount ? maintainedCountQuery(db, request.filters) : undefined;

  // Page over products alone, then join categories for the page's rows only (not for every row OFFSET skips).
  const page = (eb: ExpressionBuilder<DB, never>) => {
    if (request.filters.categoryRef && request.ordering.key !== 'relevance') {
      // A category with descendants is many category_ids, and no single index yields their products in order.
      // So take the top rows of each category from its (category_id, <sort key>, id) index, then merge those:
      // at most pageEnd rows per category are read instead of every matching row being sorted.
      return eb
        .selectFrom(subtreeIds(request.filters.categoryRef).as('subtree'))
        .innerJoinLateral(
          (inner) =>
            inner
              .selectFrom('products as p')
              .select([...productColumns, 'p.row_version'])
              .select(expr.as('sort_key'))
              .whereRef('p.category_id', '=', 'subtree.id')
              .where(matchesFilters(request.filters, { includeCategory: false }))
              .$if(Boolean(request.after), (qb) => qb.where(afterCursor))
              .orderBy(expr, direction)
              .orderBy('p.id', direction)
              .limit(pageEnd)
              .as('p'),
          (join) => join.onTrue(),
        )
        .selectAll('p')
        .orderBy('p.sort_key', direction)
        .orderBy('p.id', direction)
        .limit(request.limit + 1)
        .$if(Boolean(request.offset), (qb) => qb.offset(request.offset!));
    }
    return eb
      .selectFrom('products as p')
      .select([...productColumns, 'p.row_version'])
      .select(expr.as('sort_key'))
      .where(matchesFilters(request.filters))
      .$if(Boolean(request.after), (qb) => qb.where(afterCursor))
      .orderBy(expr, direction)
      .orderBy('p.id', direction)
      .limit(request.limit + 1)
      .$if(Boolean(request.offset), (qb) => qb.offset(request.offset!));
  };

  return (
    db
      .selectFrom((eb) => page(eb).as('p'))
      .innerJoin('categories as c', 'c.id', 'p.category_id')
      .select([...productColumns, 'p.row_version', 'p.sort_key'])
      .select(embeddedCategory)
      // Embedded for the page's rows only, by one index scan each.
      .select(productEmbeds(request.mediaBase))
      .select(extras.scopes.map((scope) => scopeVersion(scope).as(`v_${scope}`)))
      .$if(Boolean(maintainedCount), (qb) => qb.select(sql<number>`(${maintainedCount!})`.as('maintained_count')))
      .orderBy('p.sort_key', direction)
      .orderBy('p.id', direction)
  );
}

export interface CataloguePage {
  rows: Product[];
  lastKey?: CursorPosition;
  hasMore: boolean;
  /** What the page depends on; undefined for an empty page (nothing was read to vouch for it). */
  freshness?: Freshness;
  /** The maintained count, when asked for and the page was not empty. */
  maintainedCount?: number;
}

/** One page of the catalogue in one round trip, and whether another page follows. */
export async function listCatalogue(
  db: Kysely<DB>,
  request: CatalogueRequest,
  extras?: CatalogueExtras,
): Promise<CataloguePage> {
  const rows = (await catalogueQuery(db, request, extras).execute()) as unknown as Array<
    Product & { sort_key: unknown; row_version: number; maintained_count?: number } & Record<string, unknown>
  >;
  const hasMore = rows.length > request.limit;
  const page = rows.slice(0, request.limit);
  const first = rows[0];
  const last = page.at(-1);
  const versions = Object.fromEntries((extras?.scopes ?? []).map((scope) => [scope, Number(first?.[`v_${scope}`])]));
  return {
    rows: page.map(({ sort_key: _key, row_version: _version, maintained_count: _count, ...product }) => {
      for (const scope of extras?.scopes ?? []) delete product[`v_${scope}`];
      return product as Product;
    }),
    hasMore,
    ...(last ? { lastKey: { value: last.sort_key as string | number, id: last.id } } : {}),
    ...(first ? { freshness: freshnessOf(versions, page) } : {}),
    ...(first?.maintained_count !== undefined ? { maintainedCount: Number(first.maintained_count) } : {}),
  };
}

/** The products matching the filters, as a query to select from. */
export function productsMatching(db: Kysely<DB>, filters: CatalogueFilters) {
  return db.selectFrom('products as p').where(matchesFilters(filters));
}

/** The exact number of matching products (page mode). */
export function countQuery(db: Kysely<DB>, filters: CatalogueFilters) {
  return productsMatching(db, filters).select((eb) => eb.fn.countAll<number>().as('count'));
}

/**
 * Whether the trigger-maintained per-category counts answer these filters exactly: only a category subtree
 * and/or stock filter; price, search and rating filters need the real count(*).
 */
export const countsAreMaintained = (filters: CatalogueFilters) =>
  !filters.minPrice && !filters.maxPrice && !filters.searchText && !filters.minRating;

/** The maintained per-category counts of the filters' category subtree (every category without one). */
export function maintainedCountsOf(db: Kysely<DB>, filters: CatalogueFilters) {
  return db
    .selectFrom('category_product_counts')
    .$if(Boolean(filters.categoryRef), (qb) =>
      qb.where(sql<SqlBool>`category_id in ${subtreeIds(filters.categoryRef!)}`),
    );
}

/** The exact count from the maintained counts (a sum over the subtree's categories), when they answer it. */
export function maintainedCountQuery(db: Kysely<DB>, filters: CatalogueFilters) {
  if (!countsAreMaintained(filters)) return undefined;
  const column = filters.inStock ? 'in_stock' : 'products';
  return maintainedCountsOf(db, filters).select(sql<number>`coalesce(sum(${sql.ref(column)}), 0)`.as('count'));
}

export async function countCatalogue(db: Kysely<DB>, filters: CatalogueFilters): Promise<number> {
  const query = maintainedCountQuery(db, filters) ?? countQuery(db, filters);
  return Number((await query.executeTakeFirstOrThrow()).count);
}

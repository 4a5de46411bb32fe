// The benchmark's scenarios: what a shop's traffic looks like, each as an API request and, for reads,
// the SQL the API runs for it (compiled from the server's own query builders) for the floor.
import type { CompiledQuery, Kysely } from 'kysely';
import type { DB } from '@nexus/db';
import { facetsQuery } from '../../server/src/modules/products/catalogue-facets.js';
import {
  catalogueQuery,
  resolveOrdering,
  scopesOf,
  toPrefixTsquery,
  type CatalogueRequest,
} from '../../server/src/modules/products/product-catalogue.js';
import { scopeVersion } from '../../server/src/modules/catalogue-cache/catalogue-freshness.js';
import type { CursorPosition } from '../../server/src/modules/products/product-cursor.js';
import { selectProducts } from '../../server/src/modules/products/products.queries.js';
import { categoryColumns } from '../../server/src/modules/categories/categories.queries.js';
import type { FloorScenario } from './floor-server.js';

export interface Scenario {
  name: string;
  /** Request path (reads) or path + body (writes); `ids` rotate through `:id`. */
  method: 'GET' | 'POST';
  path: string;
  body?: () => string;
  floor?: FloorScenario;
}

export interface BenchData {
  department: string;
  deepCursor: string;
  /** The position that cursor encodes (the last row of page 499), for the floor's keyset query. */
  deepPosition: CursorPosition;
  productIds: string[];
  loginEmail: string;
  loginPassword: string;
}

export function buildScenarios(db: Kysely<DB>, data: BenchData): Scenario[] {
  // What the API runs per request on a miss in steady state: one statement with the page's rows, the versions
  // they depend on and the maintained count where one applies (price and search counts come from the API's count
  // cache after the first request).
  const MEDIA_BASE = 'http://localhost:3000/media/';
  const page = (
    filters: CatalogueRequest['filters'],
    ordering: Parameters<typeof resolveOrdering>[0] = {},
    offset = 0,
    after?: CursorPosition,
  ): CompiledQuery[] => {
    const request = {
      filters,
      ordering: resolveOrdering({ ...ordering, search: filters.searchText }),
      limit: 20,
      offset,
      after,
      mediaBase: MEDIA_BASE,
    };
    return [catalogueQuery(db, request, { scopes: scopesOf(filters, request.ordering), withCount: !after }).compile()];
  };
  const detail = selectProducts(db, MEDIA_BASE)
    .select(['p.row_version', scopeVersion('structure').as('v_structure')])
    .where('p.id', '=', data.productIds[0]!)
    .compile();
  let registered = 0;
  return [
    { name: 'list: default (newest first)', method: 'GET', path: '/api/v1/products', floor: { statements: page({}) } },
    {
      name: 'list: department + price range + -price',
      method: 'GET',
      path: `/api/v1/products?category=${data.department}&min_price=100&max_price=500&ordering=-price`,
      floor: {
        statements: page(
          { categoryRef: data.department, minPrice: '100.00', maxPrice: '500.00' },
          { ordering: '-price' },
        ),
      },
    },
    {
      name: 'search: rare word',
      method: 'GET',
      path: '/api/v1/products?search=holographic',
      floor: { statements: page({ searchText: toPrefixTsquery('holographic') }) },
    },
    {
      name: 'search: common word',
      method: 'GET',
      path: '/api/v1/products?search=durable',
      floor: { statements: page({ searchText: toPrefixTsquery('durable') }) },
    },
    {
      name: 'search: common word + department',
      method: 'GET',
      path: `/api/v1/products?search=durable&category=${data.department}`,
      floor: { statements: page({ searchText: toPrefixTsquery('durable'), categoryRef: data.department }) },
    },
    {
      name: 'deep page: page=500',
      method: 'GET',
      path: '/api/v1/products?page=500',
      floor: { statements: page({}, {}, 9980) },
    },
    {
      name: 'deep page: cursor at row 9,980',
      method: 'GET',
      path: `/api/v1/products?cursor=${data.deepCursor}`,
      floor: { statements: page({}, {}, 0, data.deepPosition) },
    },
    {
      name: 'facets: whole catalogue',
      method: 'GET',
      path: '/api/v1/products/facets',
      floor: { statements: [facetsQuery(db, {}).compile(db)] },
    },
    {
      name: 'facets: department + in stock',
      method: 'GET',
      path: `/api/v1/products/facets?category=${data.department}&in_stock=true`,
      floor: { statements: [facetsQuery(db, { categoryRef: data.department, inStock: true }).compile(db)] },
    },
    {
      name: 'facets: search, rare word',
      method: 'GET',
      path: '/api/v1/products/facets?search=holographic',
      floor: { statements: [facetsQuery(db, { searchText: toPrefixTsquery('holographic') }).compile(db)] },
    },
    {
      name: 'product detail (1,000 ids)',
      method: 'GET',
      path: '/api/v1/products/:id',
      floor: { statements: [detail], idParameter: { statement: 0, index: 0 } },
    },
    {
      name: 'category list (roots)',
      method: 'GET',
      path: '/api/v1/categories?parent=root',
      floor: {
        statements: [
          db
            .selectFrom('categories')
            .select(categoryColumns)
            .select((eb) => [
              eb
                .selectFrom('categories')
                .select(eb.fn.countAll().as('count'))
                .where('parent_id', 'is', null)
                .as('total'),
              scopeVersion('structure').as('v_structure'),
            ])
            .where('parent_id', 'is', null)
            .orderBy('name')
            .orderBy('id')
            .limit(20)
            .compile(),
        ],
      },
    },
    {
      name: 'login (argon2id verify)',
      method: 'POST',
      path: '/api/v1/auth/token',
      body: () => JSON.stringify({ email: data.loginEmail, password: data.loginPassword }),
    },
    {
      name: 'register (argon2id hash)',
      method: 'POST',
      path: '/api/v1/auth/register',
      body: () =>
        JSON.stringify({
          email: `bench-${process.pid}-${Date.now()}-${(registered += 1)}@example.com`,
          password: 'correct horse battery',
          first_name: 'B',
          last_name: 'Ench',
        }),
    },
  ];
}

import { initContract } from '@ts-rest/core';
import { ADMIN_PROBLEMS, BODY_PROBLEMS, problemResponses, WRITE_PROBLEMS } from '../common/problem.js';
import { adminRoute, publicRoute } from '../common/route-metadata.js';
import {
  CreateProductBodySchema,
  ProductIdParamsSchema,
  ProductListQuerySchema,
  ProductPageSchema,
  ProductSchema,
  UpdateProductBodySchema,
} from './products.schemas.js';
import { FacetsQuerySchema, FacetsSchema } from '../facets/facets.schemas.js';
import { variantsContract } from '../variants/variants.contract.js';
import { imagesContract } from '../images/images.contract.js';

const c = initContract();

const writeProblems = [...ADMIN_PROBLEMS, ...BODY_PROBLEMS, 'slug_taken', 'sku_taken', ...WRITE_PROBLEMS] as const;

/** Products: the catalogue query, public reads, admin writes. */
export const productsContract = c.router({
  list: {
    method: 'GET',
    path: '/products',
    summary: 'Browse and search the catalogue',
    description: [
      'Filters combine (AND): `category` (with descendants), `min_price`/`max_price` (inclusive), `search`, `in_stock`.',
      '**Page mode** (`page`, `page_size`): `count` is exact, never stale: counts filtered only by `category`/`in_stock` come from counts maintained in the same transaction as each write, other counts are cached per catalogue version, which every write advances. `next`/`previous` are relative URLs keeping every other parameter.',
      '**Cursor mode**: pass the `next_cursor` of the previous response as `cursor` to continue by keyset (no OFFSET): constant cost however deep. `count` and `previous` are then null. A cursor only continues the query that produced it; a forged or foreign cursor is 400.',
      'Every response carries `next_cursor` (null on the last page), so a client may start in page mode and continue by cursor.',
      'Caching: public catalogue reads carry an `ETag` and `Cache-Control: public, max-age=0, must-revalidate`; send `If-None-Match` to get a 304 while nothing in the catalogue has changed.',
    ].join('\n\n'),
    query: ProductListQuerySchema,
    responses: { 200: ProductPageSchema, ...problemResponses('validation_failed') },
    metadata: { ...publicRoute, cost: 'heavy', cache: 'catalogue' },
  },
  // Before `get`, so that `/products/facets` is not taken for a product id.
  facets: {
    method: 'GET',
    path: '/products/facets',
    summary: 'Counts for a filter sidebar',
    description: [
      'Takes the catalogue query’s filters (not `ordering`, `page` or `cursor`) and answers exact counts, each computed with every other filter applied: the categories (with their descendants’ products), price ranges, with and without stock, and by rating. Checking a box in one facet thus never empties that facet.',
      'Cached like the catalogue: an `ETag` that changes exactly when a count could have (a product added, removed, moved or repriced, a stock crossing zero, a rating changing).',
    ].join('\n\n'),
    query: FacetsQuerySchema,
    responses: { 200: FacetsSchema, ...problemResponses('validation_failed') },
    metadata: { ...publicRoute, cost: 'heavy', cache: 'catalogue' },
  },
  get: {
    method: 'GET',
    path: '/products/:id',
    summary: 'Get a product',
    pathParams: ProductIdParamsSchema,
    responses: { 200: ProductSchema, ...problemResponses('not_found') },
    metadata: { ...publicRoute, cache: 'catalogue' },
  },
  create: {
    method: 'POST',
    path: '/products',
    summary: 'Create a product (admin)',
    description: [
      'An unknown `category_id` is 400. An explicit `slug` already in use is 409 `slug_taken`; a derived one is made unique (`laptop-pro-14-2`).',
      'Without `variants` the product gets one variant with its `price`, `stock` and a generated SKU. With `options` and `variants` it gets several: each variant names every option exactly once with one of its values, no two share a combination (400 naming the path), and a SKU in use is 409 `sku_taken` naming the variant (`errors[0].path` `variants.N.sku`). The product’s `price` is then its cheapest variant’s and its `stock` their sum.',
    ].join('\n\n'),
    body: CreateProductBodySchema,
    responses: { 201: ProductSchema, ...problemResponses(...writeProblems) },
    metadata: adminRoute,
  },
  replace: {
    method: 'PUT',
    path: '/products/:id',
    summary: 'Replace a product (admin)',
    description:
      'Full replace: absent `description` becomes empty and absent `stock` 0; an absent `slug` keeps the current one. With `variants`, the variant set is replaced: variants with a combination the product has keep their ids (and their place in carts), the others are deleted, new ones added. Without `variants` the variants stay; `price` and `stock` then need a product with one variant (409 otherwise).',
    pathParams: ProductIdParamsSchema,
    body: CreateProductBodySchema,
    responses: { 200: ProductSchema, ...problemResponses(...writeProblems, 'not_found') },
    metadata: adminRoute,
  },
  update: {
    method: 'PATCH',
    path: '/products/:id',
    summary: 'Update a product (admin)',
    description: 'Only the fields given change; `updated_at` advances.',
    pathParams: ProductIdParamsSchema,
    body: UpdateProductBodySchema,
    responses: { 200: ProductSchema, ...problemResponses(...writeProblems, 'not_found') },
    metadata: adminRoute,
  },
  delete: {
    method: 'DELETE',
    path: '/products/:id',
    summary: 'Delete a product (admin)',
    pathParams: ProductIdParamsSchema,
    responses: { 204: c.noBody(), ...problemResponses(...ADMIN_PROBLEMS, 'not_found', ...WRITE_PROBLEMS) },
    metadata: adminRoute,
  },
  variants: variantsContract,
  images: imagesContract,
});

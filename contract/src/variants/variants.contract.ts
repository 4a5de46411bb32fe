import { initContract } from '@ts-rest/core';
import { ADMIN_PROBLEMS, BODY_PROBLEMS, problemResponses, WRITE_PROBLEMS } from '../common/problem.js';
import { adminRoute } from '../common/route-metadata.js';
import {
  CreateVariantBodySchema,
  UpdateVariantBodySchema,
  VariantParamsSchema,
  VariantSchema,
} from './variants.schemas.js';
import { ProductIdParamsSchema } from '../products/products.schemas.js';

const c = initContract();

const writeProblems = [...ADMIN_PROBLEMS, ...BODY_PROBLEMS, 'sku_taken', ...WRITE_PROBLEMS, 'not_found'] as const;

/** A product's variants (admin): each write keeps the product's price (cheapest) and stock (sum) exact with it. */
export const variantsContract = c.router({
  create: {
    method: 'POST',
    path: '/products/:id/variants',
    summary: 'Add a variant (admin)',
    description:
      '`options` names every option of the product exactly once (400 naming `options.<name>` otherwise); a value the option does not list yet is added to it. A combination the product already has is 400; a SKU in use (case-insensitively) is 409 `sku_taken`. A SKU is generated when absent.',
    pathParams: ProductIdParamsSchema,
    body: CreateVariantBodySchema,
    responses: { 201: VariantSchema, ...problemResponses(...writeProblems) },
    metadata: adminRoute,
  },
  update: {
    method: 'PATCH',
    path: '/products/:id/variants/:variant_id',
    summary: 'Update a variant (admin)',
    description: 'Only the fields given change. `options` as for create; `position` moves it (the others make room).',
    pathParams: VariantParamsSchema,
    body: UpdateVariantBodySchema,
    responses: { 200: VariantSchema, ...problemResponses(...writeProblems) },
    metadata: adminRoute,
  },
  delete: {
    method: 'DELETE',
    path: '/products/:id/variants/:variant_id',
    summary: 'Delete a variant (admin)',
    description:
      'It leaves every cart holding it; orders keep their snapshots. The last variant of a product cannot be deleted: 409 `last_variant` (delete the product instead).',
    pathParams: VariantParamsSchema,
    responses: {
      204: c.noBody(),
      ...problemResponses(...ADMIN_PROBLEMS, 'not_found', 'last_variant', ...WRITE_PROBLEMS),
    },
    metadata: adminRoute,
  },
});

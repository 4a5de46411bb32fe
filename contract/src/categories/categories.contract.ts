import { initContract } from '@ts-rest/core';
import { ADMIN_PROBLEMS, BODY_PROBLEMS, problemResponses, WRITE_PROBLEMS } from '../common/problem.js';
import { adminRoute, publicRoute } from '../common/route-metadata.js';
import {
  CategoryIdParamsSchema,
  CategoryListQuerySchema,
  CategoryPageSchema,
  CategorySchema,
  CreateCategoryBodySchema,
  UpdateCategoryBodySchema,
} from './categories.schemas.js';

const c = initContract();

const writeProblems = [...ADMIN_PROBLEMS, ...BODY_PROBLEMS, 'name_taken', 'slug_taken', ...WRITE_PROBLEMS] as const;

/** The category tree: public reads, admin writes. */
export const categoriesContract = c.router({
  list: {
    method: 'GET',
    path: '/categories',
    summary: 'List categories',
    description:
      'Ordered by name (ties by id). `parent` narrows to the direct children of one category, or to the roots.',
    query: CategoryListQuerySchema,
    responses: { 200: CategoryPageSchema, ...problemResponses('validation_failed') },
    metadata: { ...publicRoute, cost: 'heavy', cache: 'catalogue' },
  },
  get: {
    method: 'GET',
    path: '/categories/:id',
    summary: 'Get a category',
    pathParams: CategoryIdParamsSchema,
    responses: { 200: CategorySchema, ...problemResponses('not_found') },
    metadata: { ...publicRoute, cache: 'catalogue' },
  },
  create: {
    method: 'POST',
    path: '/categories',
    summary: 'Create a category (admin)',
    description:
      '`slug` defaults to a URL slug of `name`. Names (case-insensitively) and slugs are unique: 409 `name_taken` / `slug_taken`. An unknown `parent_id` is 400.',
    body: CreateCategoryBodySchema,
    responses: { 201: CategorySchema, ...problemResponses(...writeProblems) },
    metadata: adminRoute,
  },
  replace: {
    method: 'PUT',
    path: '/categories/:id',
    summary: 'Replace a category (admin)',
    description:
      'Full replace. An absent `slug` keeps the current one; absent `description` becomes empty, absent `parent_id` makes it a root. A `parent_id` that is the category itself or one of its descendants is 400.',
    pathParams: CategoryIdParamsSchema,
    body: CreateCategoryBodySchema,
    responses: { 200: CategorySchema, ...problemResponses(...writeProblems, 'not_found') },
    metadata: adminRoute,
  },
  update: {
    method: 'PATCH',
    path: '/categories/:id',
    summary: 'Update a category (admin)',
    description:
      'Only the fields given change. Moving a category (`parent_id`) moves its whole subtree; a cycle is 400.',
    pathParams: CategoryIdParamsSchema,
    body: UpdateCategoryBodySchema,
    responses: { 200: CategorySchema, ...problemResponses(...writeProblems, 'not_found') },
    metadata: adminRoute,
  },
  delete: {
    method: 'DELETE',
    path: '/categories/:id',
    summary: 'Delete a category (admin)',
    description: '409 `category_in_use` while it has products or child categories.',
    pathParams: CategoryIdParamsSchema,
    responses: {
      204: c.noBody(),
      ...problemResponses(...ADMIN_PROBLEMS, 'not_found', 'category_in_use', ...WRITE_PROBLEMS),
    },
    metadata: adminRoute,
  },
});

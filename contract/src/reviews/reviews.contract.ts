import { initContract } from '@ts-rest/core';
import { ADMIN_PROBLEMS, BODY_PROBLEMS, USER_PROBLEMS, WRITE_PROBLEMS, problemResponses } from '../common/problem.js';
import { adminRoute, publicRoute, userRoute } from '../common/route-metadata.js';
import { ProductIdParamsSchema } from '../products/products.schemas.js';
import {
  AdminReviewListQuerySchema,
  AdminReviewPageSchema,
  CreateReviewBodySchema,
  ReviewIdParamsSchema,
  ReviewListQuerySchema,
  ReviewPageSchema,
  ReviewSchema,
  UpdateReviewBodySchema,
} from './reviews.schemas.js';

const c = initContract();

/**
 * Reviews: read by anyone, written by verified buyers, moderated by admins. `rating_avg` and `review_count` of
 * the product follow at once.
 */
export const reviewsContract = c.router({
  list: {
    method: 'GET',
    path: '/products/:id/reviews',
    summary: 'List a product’s reviews',
    description: 'Not cached: reviews are read far less than the catalogue. An unknown product is 404.',
    pathParams: ProductIdParamsSchema,
    query: ReviewListQuerySchema,
    responses: { 200: ReviewPageSchema, ...problemResponses('validation_failed', 'not_found') },
    metadata: publicRoute,
  },
  listAll: {
    method: 'GET',
    path: '/reviews',
    summary: 'List every review (admin)',
    description:
      'Across products, newest first (ties by id), each with its product’s name; narrowed by `rating`, `product_id` and `user_id`. Delete one with `DELETE /reviews/{id}`.',
    query: AdminReviewListQuerySchema,
    responses: { 200: AdminReviewPageSchema, ...problemResponses(...ADMIN_PROBLEMS, 'validation_failed') },
    metadata: { ...adminRoute, cost: 'heavy' },
  },
  create: {
    method: 'POST',
    path: '/products/:id/reviews',
    summary: 'Review a product you bought',
    description:
      'Only a verified buyer (an order with this product that is paid, shipped or delivered), else 403 `not_a_verified_buyer`; one review per customer and product, else 409 `already_reviewed`.',
    pathParams: ProductIdParamsSchema,
    body: CreateReviewBodySchema,
    responses: {
      201: ReviewSchema,
      ...problemResponses(
        ...USER_PROBLEMS,
        ...BODY_PROBLEMS,
        'not_found',
        'not_a_verified_buyer',
        'already_reviewed',
        ...WRITE_PROBLEMS,
      ),
    },
    metadata: userRoute,
  },
  update: {
    method: 'PATCH',
    path: '/reviews/:id',
    summary: 'Edit your review',
    description: 'Its author only; anyone else gets 404.',
    pathParams: ReviewIdParamsSchema,
    body: UpdateReviewBodySchema,
    responses: {
      200: ReviewSchema,
      ...problemResponses(...USER_PROBLEMS, ...BODY_PROBLEMS, 'not_found', ...WRITE_PROBLEMS),
    },
    metadata: userRoute,
  },
  delete: {
    method: 'DELETE',
    path: '/reviews/:id',
    summary: 'Delete a review',
    description: 'Its author or an admin; anyone else gets 404.',
    pathParams: ReviewIdParamsSchema,
    responses: { 204: c.noBody(), ...problemResponses(...USER_PROBLEMS, 'not_found', ...WRITE_PROBLEMS) },
    metadata: userRoute,
  },
});

import { z } from 'zod';
import { TimestampSchema } from '../common/timestamp.js';
import { extendApi } from '../common/openapi-meta.js';
import { PageQuerySchema, pageOf, queryInteger } from '../common/pagination.js';

const reviewExample = {
  id: '1e2d3c4b-5a69-4877-8695-a4b3c2d1e0f9',
  product_id: '3c9a1f0e-7b2d-4e8f-a1b2-c3d4e5f60718',
  user: { id: '0b6f3d5e-8f1e-4c43-9f0a-6c1d2e3f4a5b', first_name: 'Ada' },
  rating: 5,
  title: 'Fast and quiet',
  body: 'Battery lasts all day.',
  created_at: '2026-12-02T09:00:00.000Z',
  updated_at: '2026-12-02T09:00:00.000Z',
};

/** A review of a product by a customer who bought it. */
export const ReviewSchema = extendApi(
  z.object({
    id: z.string().uuid(),
    product_id: z.string().uuid(),
    user: z.object({ id: z.string().uuid(), first_name: z.string() }),
    rating: z.number().int().min(1).max(5),
    title: z.string(),
    body: z.string(),
    created_at: TimestampSchema,
    updated_at: TimestampSchema,
  }),
  {
    title: 'Review',
    example: reviewExample,
  },
);
export type Review = z.infer<typeof ReviewSchema>;

/** A review as admins list it, across products: the review and the name of the product it is about. */
export const AdminReviewSchema = extendApi(ReviewSchema.extend({ product_name: z.string() }), {
  title: 'AdminReview',
  example: { ...reviewExample, product_name: 'Laptop Pro 14' },
});
export type AdminReview = z.infer<typeof AdminReviewSchema>;

const fields = {
  rating: z.number().int().min(1).max(5),
  title: z.string().trim().max(200),
  body: z.string().trim().min(1).max(5000),
};

/** `POST /products/{id}/reviews`. */
export const CreateReviewBodySchema = extendApi(
  z.object({ rating: fields.rating, title: fields.title.optional(), body: fields.body }).strict(),
  { example: { rating: 5, title: 'Fast and quiet', body: 'Battery lasts all day.' } },
);
export type CreateReviewBody = z.infer<typeof CreateReviewBodySchema>;

/** `PATCH /reviews/{id}`: only the fields given change. */
export const UpdateReviewBodySchema = extendApi(z.object(fields).partial().strict(), { example: { rating: 4 } });
export type UpdateReviewBody = z.infer<typeof UpdateReviewBodySchema>;

export const REVIEW_ORDERINGS = ['-created_at', 'created_at', 'rating', '-rating'] as const;

/** Query of `GET /products/{id}/reviews`. */
export const ReviewListQuerySchema = PageQuerySchema.extend({
  ordering: z.enum(REVIEW_ORDERINGS).default('-created_at').describe('Newest first by default; ties by id'),
});
export type ReviewListQuery = z.infer<typeof ReviewListQuerySchema>;

export const ReviewPageSchema = pageOf(ReviewSchema);
export const ReviewIdParamsSchema = z.object({ id: z.string().uuid() });

/** Query of `GET /reviews` (admin): every review, newest first, optionally narrowed. */
export const AdminReviewListQuerySchema = PageQuerySchema.extend({
  rating: queryInteger(1, 5).optional().describe('Only reviews with this rating'),
  product_id: z.string().uuid().optional().describe('Only reviews of this product'),
  user_id: z.string().uuid().optional().describe('Only reviews by this customer'),
});
export type AdminReviewListQuery = z.infer<typeof AdminReviewListQuerySchema>;

export const AdminReviewPageSchema = pageOf(AdminReviewSchema);

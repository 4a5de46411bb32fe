import { z } from 'zod';
import { TimestampSchema } from '../common/timestamp.js';
import { extendApi } from '@anatine/zod-openapi';
import { PageQuerySchema, pageOf } from '../common/pagination.js';

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
    example: {
      id: '1e2d3c4b-5a69-4877-8695-a4b3c2d1e0f9',
      product_id: '3c9a1f0e-7b2d-4e8f-a1b2-c3d4e5f60718',
      user: { id: '0b6f3d5e-8f1e-4c43-9f0a-6c1d2e3f4a5b', first_name: 'Ada' },
      rating: 5,
      title: 'Fast and quiet',
      body: 'Battery lasts all day.',
      created_at: '2026-12-02T09:00:00.000Z',
      updated_at: '2026-12-02T09:00:00.000Z',
    },
  },
);
export type Review = z.infer<typeof ReviewSchema>;

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

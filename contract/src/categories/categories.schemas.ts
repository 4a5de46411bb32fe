import { z } from 'zod';
import { TimestampSchema } from '../common/timestamp.js';
import { UNIQUE_EXAMPLE, extendApi } from '../common/openapi-meta.js';
import { PageQuerySchema, pageOf } from '../common/pagination.js';

/** URL slugs: lower-case letters and digits in dash-separated words. */
export const SlugSchema = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .regex(
    /^[a-z0-9]+(-[a-z0-9]+)*$/,
    'must be lower-case letters and digits separated by single dashes, e.g. gaming-laptops',
  );

const example = {
  id: '5f0c3a2e-1b7d-4c8e-9a6f-2d3e4f5a6b7c',
  name: 'Laptops',
  slug: 'laptops',
  description: 'Portable computers',
  parent_id: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
  created_at: '2026-11-22T09:00:00.000Z',
  updated_at: '2026-11-22T09:00:00.000Z',
};

/** A node of the category tree; `parent_id` is null for a root. */
export const CategorySchema = extendApi(
  z.object({
    id: z.string().uuid(),
    name: z.string(),
    slug: z.string(),
    description: z.string(),
    parent_id: z.string().uuid().nullable(),
    created_at: TimestampSchema,
    updated_at: TimestampSchema,
  }),
  { title: 'Category', example },
);
export type Category = z.infer<typeof CategorySchema>;

const categoryFields = {
  name: z.string().trim().min(1).max(100),
  slug: SlugSchema.describe('Defaults to a URL slug of `name`'),
  description: z.string().max(2000),
  parent_id: z.string().uuid().nullable().describe('Parent category; null or absent for a root'),
};

/** `POST /categories`, and `PUT` (full replace: an absent slug keeps the current one, absent description is empty). */
export const CreateCategoryBodySchema = extendApi(
  z
    .object({
      name: categoryFields.name,
      slug: categoryFields.slug.optional(),
      description: categoryFields.description.optional(),
      parent_id: categoryFields.parent_id.optional(),
    })
    .strict(),
  {
    // A root category with a new name each time: the example works on any shop, as often as it is sent.
    example: { name: `Gaming Laptops ${UNIQUE_EXAMPLE}`, description: 'High refresh rate, discrete GPUs' },
  },
);
export type CreateCategoryBody = z.infer<typeof CreateCategoryBodySchema>;

/** `PATCH /categories/{id}`: only the fields given change. */
export const UpdateCategoryBodySchema = extendApi(z.object(categoryFields).partial().strict(), {
  example: { description: 'Portable computers for work and play' },
});
export type UpdateCategoryBody = z.infer<typeof UpdateCategoryBodySchema>;

/** Query of `GET /categories`. */
export const CategoryListQuerySchema = PageQuerySchema.extend({
  parent: extendApi(z.string().trim().min(1).max(200), {
    description:
      'Only the direct children of this category (its id or slug), or `root` for the top level. Unknown → 400',
    example: 'root',
  }).optional(),
  search: extendApi(z.string().trim().min(1).max(100), {
    description: 'Case-insensitive substring of the name',
    example: 'lap',
  }).optional(),
});
export type CategoryListQuery = z.infer<typeof CategoryListQuerySchema>;

export const CategoryPageSchema = extendApi(pageOf(CategorySchema), {
  example: { count: 1, next: null, previous: null, next_cursor: null, results: [example] },
});
export const CategoryIdParamsSchema = z.object({ id: z.string().uuid() });

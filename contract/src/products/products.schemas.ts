import { z } from 'zod';
import { TimestampSchema } from '../common/timestamp.js';
import { extendApi } from '../common/openapi-meta.js';
import { SlugSchema } from '../categories/categories.schemas.js';
import { MoneySchema, PriceBoundSchema, PriceInputSchema } from '../common/money.js';
import { MAX_PAGE, MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE, pageOf, queryInteger } from '../common/pagination.js';
import { ImageSchema } from '../images/images.schemas.js';
import {
  MAX_OPTIONS,
  MAX_VARIANTS,
  ProductOptionSchema,
  SkuSchema,
  VariantInputSchema,
  VariantSchema,
  checkOptionsAndVariants,
} from '../variants/variants.schemas.js';

/**
 * Every accepted `ordering`; a leading `-` is descending. `newest` = `-created_at`, `oldest` = `created_at`;
 * `rating` orders by `rating_avg`, unrated products counting as 0 (last with `-rating`).
 */
export const PRODUCT_ORDERINGS = [
  'price',
  '-price',
  'created_at',
  '-created_at',
  'name',
  '-name',
  'newest',
  'oldest',
  'rating',
  '-rating',
] as const;
export const ProductOrderingSchema = z.enum(PRODUCT_ORDERINGS);
export type ProductOrdering = z.infer<typeof ProductOrderingSchema>;

const example = {
  id: '3c9a1f0e-7b2d-4e8f-a1b2-c3d4e5f60718',
  name: 'Laptop Pro 14',
  slug: 'laptop-pro-14',
  description: '14-inch laptop with a 120 Hz display and 18 hours of battery.',
  price: '1299.00',
  stock: 42,
  category_id: '5f0c3a2e-1b7d-4c8e-9a6f-2d3e4f5a6b7c',
  rating_avg: '4.50',
  review_count: 12,
  category: { id: '5f0c3a2e-1b7d-4c8e-9a6f-2d3e4f5a6b7c', name: 'Laptops', slug: 'laptops' },
  options: [{ name: 'Memory', values: ['16 GB', '32 GB'] }],
  variants: [
    {
      id: '8e7d6c5b-4a3f-4e2d-9c1b-0a9f8e7d6c5b',
      sku: 'LP14-16',
      title: '16 GB',
      options: { Memory: '16 GB' },
      price: '1299.00',
      stock: 30,
      position: 0,
    },
    {
      id: '9f8e7d6c-5b4a-4f3e-8d2c-1b0a9f8e7d6c',
      sku: 'LP14-32',
      title: '32 GB',
      options: { Memory: '32 GB' },
      price: '1599.00',
      stock: 12,
      position: 1,
    },
  ],
  images: [],
  created_at: '2026-11-22T09:00:00.000Z',
  updated_at: '2026-11-22T09:00:00.000Z',
};

/** A product with its category embedded. */
export const ProductSchema = extendApi(
  z.object({
    id: z.string().uuid(),
    name: z.string(),
    slug: z.string(),
    description: z.string(),
    price: MoneySchema,
    stock: z.number().int(),
    category_id: z.string().uuid(),
    category: z.object({ id: z.string().uuid(), name: z.string(), slug: z.string() }),
    rating_avg: extendApi(
      z
        .string()
        .regex(/^\d\.\d{2}$/)
        .nullable(),
      {
        description: 'Average review rating, two decimals; null before the first review',
        example: '4.50',
      },
    ),
    review_count: z.number().int().min(0),
    options: z.array(ProductOptionSchema).describe('What its variants differ by, in order; empty for a single variant'),
    variants: z
      .array(VariantSchema)
      .describe('At least one, in position order. `price` is the cheapest variant’s, `stock` the sum of theirs'),
    images: z.array(ImageSchema).describe('In position order; the first is the main image'),
    created_at: TimestampSchema,
    updated_at: TimestampSchema,
  }),
  { title: 'Product', example },
);
export type Product = z.infer<typeof ProductSchema>;

const productFields = {
  name: z.string().trim().min(1).max(200),
  price: PriceInputSchema,
  category_id: z.string().uuid().describe('An existing category; unknown → 400'),
  description: z.string().max(10_000),
  stock: z.number().int().min(0).max(2_147_483_647),
  slug: SlugSchema.describe('Unique; defaults to a slug of `name`, suffixed to be unique'),
  sku: SkuSchema.describe('The SKU of the product’s only variant; generated when absent'),
};

/**
 * `POST /products`, and `PUT` (full replace: absent description is empty, absent stock is 0, an absent slug
 * keeps the current one so URLs stay stable). With `variants` (and the `options` they differ by) several
 * variants are written at once, each with its own price and stock; `price` and `stock` then come from them. On
 * `PUT`, variants are matched to the current ones by their option combination (kept with their ids, so carts
 * keep them), the others are deleted and new ones added; without `variants`, the variants stay as they are.
 */
export const CreateProductBodySchema = extendApi(
  z
    .object({
      name: productFields.name,
      price: productFields.price.optional(),
      category_id: productFields.category_id,
      description: productFields.description.optional(),
      stock: productFields.stock.optional(),
      slug: productFields.slug.optional(),
      sku: productFields.sku.optional(),
      options: z.array(ProductOptionSchema).max(MAX_OPTIONS).optional(),
      variants: z.array(VariantInputSchema).min(1).max(MAX_VARIANTS).optional(),
    })
    .strict()
    .superRefine((body, ctx) => {
      if (body.variants) {
        for (const field of ['price', 'stock', 'sku'] as const) {
          if (body[field] !== undefined)
            ctx.addIssue({ code: 'custom', path: [field], message: 'comes from the variants: set it per variant' });
        }
      } else if (body.price === undefined) {
        ctx.addIssue({ code: 'custom', path: ['price'], message: 'Required' });
      }
      checkOptionsAndVariants(body, ctx);
    }),
  {
    example: {
      name: 'Laptop Pro 14',
      price: '1299.00',
      category_id: example.category_id,
      stock: 42,
      description: example.description,
    },
  },
);
export type CreateProductBody = z.infer<typeof CreateProductBodySchema>;

/** `PATCH /products/{id}`: only the fields given change. */
export const UpdateProductBodySchema = extendApi(z.object(productFields).partial().strict(), {
  example: { price: 1199, stock: 40 },
});
export type UpdateProductBody = z.infer<typeof UpdateProductBodySchema>;

const QueryBoolean = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0'])])
  .transform((value) => value === true || value === 'true' || value === '1');

/** Query of `GET /products`: the catalogue query. */
export const ProductListQuerySchema = z.object({
  category: extendApi(z.string().trim().min(1).max(200), {
    description: 'A category id or slug: products in it **and all its descendants**. Unknown → 400',
    example: 'laptops',
  }).optional(),
  min_price: extendApi(PriceBoundSchema, { description: 'Inclusive lower price bound', example: '500' }).optional(),
  max_price: extendApi(PriceBoundSchema, {
    description: 'Inclusive upper price bound; must not be below min_price',
    example: '1500.00',
  }).optional(),
  search: extendApi(z.string().trim().min(1).max(200), {
    description:
      'Words (prefixes count: `lapt` finds "Laptop"); every word must match the name, the description or a SKU (split at its punctuation: `TEE-M` finds TEE-M-BLUE). Case- and accent-insensitive. Orders by relevance unless `ordering` is given',
    example: 'lapt pro',
  }).optional(),
  in_stock: extendApi(QueryBoolean, {
    description: '`true`: only products with stock > 0',
    example: 'true',
  }).optional(),
  min_rating: extendApi(
    z
      .string()
      .trim()
      .regex(/^[1-5](\.\d{1,2})?$/, 'must be a rating from 1 to 5'),
    {
      description: 'Only products whose average rating is at least this (1 to 5, e.g. 4 or 4.5)',
      example: '4',
    },
  ).optional(),
  ordering: extendApi(ProductOrderingSchema, {
    description:
      'Default `-created_at`, or relevance with `search`. Ties are broken by id, so pages never overlap or skip',
    example: '-price',
  }).optional(),
  page: extendApi(queryInteger(1, MAX_PAGE), {
    description: `1-based page number (page mode), at most ${MAX_PAGE}; go deeper with \`cursor\``,
    example: 1,
  }).default(1),
  page_size: extendApi(queryInteger(1, MAX_PAGE_SIZE), {
    description: `Items per page, 1 to ${MAX_PAGE_SIZE}`,
    example: DEFAULT_PAGE_SIZE,
  }).default(DEFAULT_PAGE_SIZE),
  cursor: extendApi(z.string().min(1).max(1000), {
    description:
      'Opaque `next_cursor` from a previous response of the same query: continues by keyset at constant cost (deep scrolling). `page` is then ignored and `count`/`previous` are null',
  }).optional(),
});
export type ProductListQuery = z.infer<typeof ProductListQuerySchema>;
export type ProductListQueryInput = z.input<typeof ProductListQuerySchema>;

export const ProductPageSchema = extendApi(pageOf(ProductSchema), {
  example: {
    count: 1342,
    next: '/api/v1/products?category=laptops&page=3',
    previous: '/api/v1/products?category=laptops&page=1',
    next_cursor: 'eyJvIjoiLWNyZWF0ZWRfYXQiLCJrIjpb…',
    results: [example],
  },
});
export const ProductIdParamsSchema = z.object({ id: z.string().uuid() });

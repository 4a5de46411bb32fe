import { z } from 'zod';
import { extendApi } from '../common/openapi-meta.js';
import { MoneySchema } from '../common/money.js';
import { ProductListQuerySchema } from '../products/products.schemas.js';

/** The lower edges of the price ranges (the last is open above). */
export const PRICE_RANGE_EDGES = [
  '0.00',
  '10.00',
  '25.00',
  '50.00',
  '100.00',
  '250.00',
  '500.00',
  '1000.00',
  '2500.00',
];
/** The rating thresholds counted, best first. */
export const RATING_THRESHOLDS = [4, 3, 2, 1] as const;

/** `GET /products/facets`: the catalogue query's filters, without ordering or paging. */
export const FacetsQuerySchema = ProductListQuerySchema.pick({
  category: true,
  min_price: true,
  max_price: true,
  search: true,
  in_stock: true,
  min_rating: true,
});
export type FacetsQuery = z.infer<typeof FacetsQuerySchema>;
export type FacetsQueryInput = z.input<typeof FacetsQuerySchema>;

export const FacetsSchema = extendApi(
  z.object({
    count: z.number().int().min(0).describe('Products matching every filter'),
    categories: z
      .array(
        z.object({
          id: z.string().uuid(),
          slug: z.string(),
          name: z.string(),
          parent_id: z.string().uuid().nullable(),
          count: z.number().int().min(1),
        }),
      )
      .describe(
        'Every category with matching products in it or its descendants (what `category=` would find), with every filter but `category` applied; in tree order (depth first, siblings by name)',
      ),
    price_ranges: z
      .array(
        z.object({
          min: MoneySchema,
          max: MoneySchema.nullable().describe('Exclusive; null: no upper bound'),
          count: z.number().int().min(1),
        }),
      )
      .describe(
        'Ranges `min ≤ price < max` with products in them, with every filter but `min_price`/`max_price` applied. To filter on one, send `min_price=min` and `max_price` one cent below `max`',
      ),
    in_stock: z
      .object({ true: z.number().int().min(0), false: z.number().int().min(0) })
      .describe('Products with and without stock, with every filter but `in_stock` applied'),
    ratings: z
      .array(z.object({ min_rating: z.number().int().min(1).max(5), count: z.number().int().min(0) }))
      .describe('Products rated at least `min_rating` (4, 3, 2, 1), with every filter but `min_rating` applied'),
  }),
  {
    title: 'Facets',
    example: {
      count: 1342,
      categories: [
        {
          id: '5f0c3a2e-1b7d-4c8e-9a6f-2d3e4f5a6b7c',
          slug: 'laptops',
          name: 'Laptops',
          parent_id: null,
          count: 1342,
        },
      ],
      price_ranges: [
        { min: '500.00', max: '1000.00', count: 410 },
        { min: '1000.00', max: '2500.00', count: 932 },
      ],
      in_stock: { true: 1300, false: 42 },
      ratings: [
        { min_rating: 4, count: 600 },
        { min_rating: 3, count: 900 },
        { min_rating: 2, count: 950 },
        { min_rating: 1, count: 960 },
      ],
    },
  },
);
export type Facets = z.infer<typeof FacetsSchema>;

import { z } from 'zod';
import { TimestampSchema } from '../common/timestamp.js';
import { extendApi } from '../common/openapi-meta.js';
import { MoneySchema } from '../common/money.js';

/** The variant a line holds: its SKU, its title and its option values (`{ "Size": "M" }`). */
export const VariantSummarySchema = z.object({
  id: z.string().uuid(),
  sku: z.string(),
  title: z.string().describe('Empty for a product’s only variant'),
  options: z.record(z.string()),
});
export type VariantSummary = z.infer<typeof VariantSummarySchema>;

/** One line of a cart: a variant and its quantity, priced at the variant's current price. */
export const CartItemSchema = z.object({
  product_id: z.string().uuid(),
  variant_id: z.string().uuid(),
  product: z.object({
    id: z.string().uuid(),
    name: z.string(),
    slug: z.string(),
    price: MoneySchema,
    stock: z.number().int(),
  }),
  variant: VariantSummarySchema,
  quantity: z.number().int().min(1).max(99),
  unit_price: MoneySchema,
  line_total: MoneySchema,
});
export type CartItem = z.infer<typeof CartItemSchema>;

const example = {
  id: '2d8e5a3c-6f1b-4e7d-9c0a-1b2c3d4e5f60',
  token: null,
  items: [
    {
      product_id: '3c9a1f0e-7b2d-4e8f-a1b2-c3d4e5f60718',
      variant_id: '8e7d6c5b-4a3f-4e2d-9c1b-0a9f8e7d6c5b',
      product: {
        id: '3c9a1f0e-7b2d-4e8f-a1b2-c3d4e5f60718',
        name: 'Laptop Pro 14',
        slug: 'laptop-pro-14',
        price: '1299.00',
        stock: 42,
      },
      variant: { id: '8e7d6c5b-4a3f-4e2d-9c1b-0a9f8e7d6c5b', sku: 'LP14-SILVER', title: '', options: {} },
      quantity: 2,
      unit_price: '1299.00',
      line_total: '2598.00',
    },
  ],
  item_count: 2,
  subtotal: '2598.00',
  currency: 'USD',
  updated_at: '2026-12-02T09:00:00.000Z',
};

/**
 * A customer's cart, or a guest's (named by `token`, null for a customer's). `id` and `updated_at` are null
 * for a guest who has not added anything yet. `item_count` counts units, not lines.
 */
export const CartSchema = extendApi(
  z.object({
    id: z.string().uuid().nullable(),
    token: z.string().nullable().describe('The guest cart token: send it as `X-Cart-Token`; null for a customer'),
    items: z.array(CartItemSchema),
    item_count: z.number().int(),
    subtotal: MoneySchema,
    currency: z.string().length(3),
    updated_at: TimestampSchema.nullable(),
  }),
  { title: 'Cart', example },
);
export type Cart = z.infer<typeof CartSchema>;

/** `POST /cart/items`: a variant, or a product with a single variant, and how many to add to its line. */
export const AddCartItemBodySchema = extendApi(
  z
    .object({
      variant_id: z.string().uuid().optional(),
      product_id: z.string().uuid().optional().describe('In place of `variant_id`, for a product with one variant'),
      quantity: z.number().int().min(1).max(99),
    })
    .strict()
    .refine((body) => (body.variant_id === undefined) !== (body.product_id === undefined), {
      message: 'give exactly one of variant_id and product_id',
      path: ['variant_id'],
    }),
  { example: { product_id: example.items[0]!.product_id, quantity: 1 } },
);
export type AddCartItemBody = z.infer<typeof AddCartItemBodySchema>;

/** `PATCH /cart/items/{id}`: the line's new quantity. */
export const UpdateCartItemBodySchema = extendApi(z.object({ quantity: z.number().int().min(1).max(99) }).strict(), {
  example: { quantity: 3 },
});
export type UpdateCartItemBody = z.infer<typeof UpdateCartItemBodySchema>;

/** `{id}` of a cart line: its variant id, or its product id when the cart holds one variant of that product. */
export const CartItemParamsSchema = z.object({ id: z.string().uuid() });

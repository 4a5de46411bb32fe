import { z } from 'zod';
import { TimestampSchema } from '../common/timestamp.js';
import { extendApi } from '../common/openapi-meta.js';
import { COUNTRY_CODES } from '../common/countries.js';
import { MoneySchema } from '../common/money.js';
import { PageQuerySchema, pageOf } from '../common/pagination.js';
import { EventTypeSchema } from '../events/events.schemas.js';

/** An order's life: `pending → paid → shipped → delivered`, or `cancelled` from pending or paid. */
export const ORDER_STATUSES = ['pending', 'paid', 'shipped', 'delivered', 'cancelled'] as const;
export const OrderStatusSchema = z.enum(ORDER_STATUSES);

/**
 * Where an order may go from each status (`PATCH /orders/{id}` and cancel): the order life cycle, decided once here
 * for the server that enforces it and every client that offers the next step.
 */
export const ORDER_TRANSITIONS = {
  pending: ['paid', 'cancelled'],
  paid: ['shipped', 'cancelled'],
  shipped: ['delivered'],
  delivered: [],
  cancelled: [],
} as const satisfies Record<(typeof ORDER_STATUSES)[number], readonly (typeof ORDER_STATUSES)[number][]>;
export type OrderStatus = z.infer<typeof OrderStatusSchema>;

/** A payment's status (see Payments): `requires_action → processing → succeeded | failed`, `succeeded → refunded`, or `cancelled`. */
export const PAYMENT_STATUSES = [
  'requires_action',
  'processing',
  'succeeded',
  'failed',
  'cancelled',
  'refunded',
] as const;
export const PaymentStatusSchema = z.enum(PAYMENT_STATUSES);
export type PaymentStatus = z.infer<typeof PaymentStatusSchema>;

const line = (max: number) => z.string().trim().min(1).max(max);

/** Where an order goes. `country` is an ISO 3166-1 alpha-2 code (`GB`, `US`, `DE`), case-insensitive on input. */
export const ShippingAddressSchema = extendApi(
  z
    .object({
      name: line(200),
      line1: line(200),
      line2: z.string().trim().max(200).optional(),
      city: line(100),
      postal_code: line(20),
      country: z
        .string()
        .trim()
        .toUpperCase()
        .refine(
          (code) => (COUNTRY_CODES as readonly string[]).includes(code),
          'must be an ISO 3166-1 alpha-2 country code',
        ),
    })
    .strict(),
  {
    title: 'ShippingAddress',
    example: {
      name: 'Ada Lovelace',
      line1: '12 St James’s Square',
      city: 'London',
      postal_code: 'SW1Y 4LB',
      country: 'GB',
    },
  },
);
export type ShippingAddress = z.infer<typeof ShippingAddressSchema>;

/** A line of an order: a snapshot of the product, variant and price at checkout, kept when the product changes or goes. */
export const OrderItemSchema = z.object({
  product_id: z.string().uuid(),
  variant_id: z.string().uuid(),
  name: z.string(),
  variant_title: z.string(),
  sku: z.string(),
  unit_price: MoneySchema,
  quantity: z.number().int().min(1),
  line_total: MoneySchema,
});
export type OrderItem = z.infer<typeof OrderItemSchema>;

const exampleAddress = {
  name: 'Ada Lovelace',
  line1: '12 St James’s Square',
  city: 'London',
  postal_code: 'SW1Y 4LB',
  country: 'GB',
};

/** An order. `number` is the human-friendly reference (`NX-000123`); `total` equals `subtotal` (no shipping or tax yet). */
export const OrderSchema = extendApi(
  z.object({
    id: z.string().uuid(),
    number: z.string().regex(/^NX-\d{6,}$/),
    status: OrderStatusSchema,
    items: z.array(OrderItemSchema),
    subtotal: MoneySchema,
    total: MoneySchema,
    currency: z.string().length(3),
    shipping_address: z.object({
      name: z.string(),
      line1: z.string(),
      line2: z.string().optional(),
      city: z.string(),
      postal_code: z.string(),
      country: z.string().length(2),
    }),
    note: z.string(),
    user_id: z.string().uuid().nullable().describe('Null once the account that placed it is deleted'),
    payment_status: PaymentStatusSchema.nullable().describe(
      'The latest payment’s status, or null before any payment. Should a second payment succeed for an already paid order (it is refunded at once), the one that paid the order is the one shown',
    ),
    created_at: TimestampSchema,
    updated_at: TimestampSchema,
  }),
  {
    title: 'Order',
    example: {
      id: '7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
      number: 'NX-000123',
      status: 'pending',
      items: [
        {
          product_id: '3c9a1f0e-7b2d-4e8f-a1b2-c3d4e5f60718',
          variant_id: '8e7d6c5b-4a3f-4e2d-9c1b-0a9f8e7d6c5b',
          name: 'Laptop Pro 14',
          variant_title: '',
          sku: 'LP14-SILVER',
          unit_price: '1299.00',
          quantity: 2,
          line_total: '2598.00',
        },
      ],
      subtotal: '2598.00',
      total: '2598.00',
      currency: 'USD',
      shipping_address: exampleAddress,
      note: '',
      user_id: '0b6f3d5e-8f1e-4c43-9f0a-6c1d2e3f4a5b',
      payment_status: null,
      created_at: '2026-12-02T09:00:00.000Z',
      updated_at: '2026-12-02T09:00:00.000Z',
    },
  },
);
export type Order = z.infer<typeof OrderSchema>;

/** `POST /orders`: check out the caller's cart. */
export const CreateOrderBodySchema = extendApi(
  z.object({ shipping_address: ShippingAddressSchema, note: z.string().trim().max(1000).optional() }).strict(),
  { example: { shipping_address: exampleAddress, note: 'Leave it with the porter' } },
);
export type CreateOrderBody = z.infer<typeof CreateOrderBodySchema>;

/** `PATCH /orders/{id}` (admin): the next status. */
export const UpdateOrderBodySchema = extendApi(z.object({ status: OrderStatusSchema }).strict(), {
  example: { status: 'shipped' },
});
export type UpdateOrderBody = z.infer<typeof UpdateOrderBodySchema>;

/** Query of `GET /orders`. `status` and `user_id` narrow an admin's view; a customer sees only their own orders. */
export const OrderListQuerySchema = PageQuerySchema.extend({
  status: OrderStatusSchema.optional().describe('Only orders in this status'),
  user_id: z.string().uuid().optional().describe('Admins: only this customer’s orders'),
});
export type OrderListQuery = z.infer<typeof OrderListQuerySchema>;

export const OrderPageSchema = pageOf(OrderSchema);
export const OrderIdParamsSchema = z.object({ id: z.string().uuid() });

/** One entry of an order's history: an event about the order or one of its payments, without its data. */
export const OrderEventSchema = extendApi(
  z.object({ id: z.string().uuid(), type: EventTypeSchema, occurred_at: TimestampSchema }),
  {
    title: 'OrderEvent',
    example: {
      id: '9b2d4f6a-8c0e-4a1b-9d3f-5a7c9e1b3d5f',
      type: 'order.placed',
      occurred_at: '2026-12-03T09:00:00.000Z',
    },
  },
);
export type OrderEvent = z.infer<typeof OrderEventSchema>;

export const OrderEventListSchema = z.array(OrderEventSchema);

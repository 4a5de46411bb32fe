import { z } from 'zod';
import { extendApi } from '../common/openapi-meta.js';
import { TimestampSchema } from '../common/timestamp.js';
import type { Order } from '../orders/orders.schemas.js';
import type { Payment } from '../payments/payments.schemas.js';
import type { Product } from '../products/products.schemas.js';

/** Every event the store emits: each is written in the same transaction as the change it reports (an outbox). */
export const EVENT_TYPES = [
  'order.placed',
  'order.paid',
  'order.shipped',
  'order.delivered',
  'order.cancelled',
  'payment.succeeded',
  'payment.failed',
  'payment.refunded',
  'product.created',
  'product.updated',
  'product.deleted',
  'stock.changed',
  'user.registered',
  'user.password_reset_requested',
] as const;
export const EventTypeSchema = z.enum(EVENT_TYPES);
export type EventType = z.infer<typeof EventTypeSchema>;

/** A variant's stock after a change: the `data` of `stock.changed`. */
export interface StockLevel {
  product_id: string;
  variant_id: string;
  stock: number;
}

/** The `data` of each event type: the resource as the API shows it (a payment without its `client_secret`). */
export interface EventData {
  'order.placed': Order;
  'order.paid': Order;
  'order.shipped': Order;
  'order.delivered': Order;
  'order.cancelled': Order;
  'payment.succeeded': Payment;
  'payment.failed': Payment;
  'payment.refunded': Payment;
  'product.created': Product;
  'product.updated': Product;
  'product.deleted': Product;
  'stock.changed': StockLevel;
  'user.registered': { id: string; email: string };
  'user.password_reset_requested': { id: string; email: string };
}

/** An event as webhooks receive it: `{id, type, occurred_at, data}`. */
export const EventSchema = extendApi(
  z.object({
    id: z.string().uuid(),
    type: EventTypeSchema,
    occurred_at: TimestampSchema,
    data: z.record(z.unknown()).describe('The resource as the API shows it (see EventData)'),
  }),
  {
    title: 'Event',
    example: {
      id: '9b2d4f6a-8c0e-4a1b-9d3f-5a7c9e1b3d5f',
      type: 'stock.changed',
      occurred_at: '2026-12-03T09:00:00.000Z',
      data: {
        product_id: '3c9a1f0e-7b2d-4e8f-a1b2-c3d4e5f60718',
        variant_id: '8e7d6c5b-4a3f-4e2d-9c1b-0a9f8e7d6c5b',
        stock: 7,
      },
    },
  },
);
export type NexusEvent = z.infer<typeof EventSchema>;

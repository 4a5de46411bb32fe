import { initContract } from '@ts-rest/core';
import { ADMIN_PROBLEMS, BODY_PROBLEMS, USER_PROBLEMS, WRITE_PROBLEMS, problemResponses } from '../common/problem.js';
import { IdempotencyHeadersSchema } from '../common/request-headers.js';
import { adminRoute, userRoute } from '../common/route-metadata.js';
import {
  CreateOrderBodySchema,
  OrderEventListSchema,
  OrderIdParamsSchema,
  OrderListQuerySchema,
  OrderPageSchema,
  OrderSchema,
  UpdateOrderBodySchema,
} from './orders.schemas.js';

const c = initContract();

/** Checkout and orders. */
export const ordersContract = c.router({
  create: {
    method: 'POST',
    path: '/orders',
    summary: 'Check out the cart',
    description: [
      'In one transaction: every line’s variant is locked (always in the same order, so crossing carts never deadlock), stock is checked and taken, the order and its items are written as snapshots, and the cart is emptied.',
      'An empty cart is 409 `cart_empty`. Not enough stock for any line is 409 `insufficient_stock` with `errors` naming each short `product_id`, `variant_id` and the `available` quantity; nothing changes. N checkouts racing for S units give exactly min(N, S) orders.',
    ].join('\n\n'),
    headers: IdempotencyHeadersSchema,
    body: CreateOrderBodySchema,
    responses: {
      201: OrderSchema,
      ...problemResponses(
        ...USER_PROBLEMS,
        ...BODY_PROBLEMS,
        'cart_empty',
        'insufficient_stock',
        'idempotency_key_in_flight',
        'idempotency_key_reused',
        ...WRITE_PROBLEMS,
      ),
    },
    metadata: { ...userRoute, idempotent: true },
  },
  list: {
    method: 'GET',
    path: '/orders',
    summary: 'List orders',
    description: 'Your orders, newest first. An admin sees everyone’s, and may filter by `status` and `user_id`.',
    query: OrderListQuerySchema,
    responses: { 200: OrderPageSchema, ...problemResponses(...USER_PROBLEMS, 'validation_failed') },
    metadata: userRoute,
  },
  get: {
    method: 'GET',
    path: '/orders/:id',
    summary: 'Get an order',
    description: 'Its owner or an admin; anyone else gets 404.',
    pathParams: OrderIdParamsSchema,
    responses: { 200: OrderSchema, ...problemResponses(...USER_PROBLEMS, 'not_found') },
    metadata: userRoute,
  },
  cancel: {
    method: 'POST',
    path: '/orders/:id/cancel',
    summary: 'Cancel an order',
    description:
      'Its owner or an admin, while it is `pending` or `paid`: the stock comes back (once). Any other status is 409 `invalid_transition`.',
    pathParams: OrderIdParamsSchema,
    body: c.noBody(),
    responses: {
      200: OrderSchema,
      ...problemResponses(...USER_PROBLEMS, 'not_found', 'invalid_transition', ...WRITE_PROBLEMS),
    },
    metadata: userRoute,
  },
  update: {
    method: 'PATCH',
    path: '/orders/:id',
    summary: 'Move an order along (admin)',
    description:
      '`pending → paid → shipped → delivered`, or `cancelled` from pending or paid (stock restored). Any other change is 409 `invalid_transition`. Marking `paid` by hand is for payments taken outside the API.',
    pathParams: OrderIdParamsSchema,
    body: UpdateOrderBodySchema,
    responses: {
      200: OrderSchema,
      ...problemResponses(...ADMIN_PROBLEMS, ...BODY_PROBLEMS, 'not_found', 'invalid_transition', ...WRITE_PROBLEMS),
    },
    metadata: adminRoute,
  },
  events: {
    method: 'GET',
    path: '/orders/:id/events',
    summary: 'An order’s history (admin)',
    description:
      'The events written about the order and its payments (`order.placed`, `payment.succeeded`, `order.paid`, …), oldest first, without their data. An unknown order is 404.',
    pathParams: OrderIdParamsSchema,
    responses: { 200: OrderEventListSchema, ...problemResponses(...ADMIN_PROBLEMS, 'not_found') },
    metadata: adminRoute,
  },
});

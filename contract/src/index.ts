/**
 * The Nexus Commerce v1 API contract: every endpoint, its inputs and every response, as ts-rest + Zod.
 * The server implements it, `@nexus/client-sdk` is derived from it and `/api/openapi.json` is generated from it.
 */
import { initContract } from '@ts-rest/core';
import { problemResponses } from './common/problem.js';
import { authContract } from './auth/auth.contract.js';
import { usersContract } from './users/users.contract.js';
import { categoriesContract } from './categories/categories.contract.js';
import { productsContract } from './products/products.contract.js';
import { cartContract } from './cart/cart.contract.js';
import { ordersContract } from './orders/orders.contract.js';
import { reviewsContract } from './reviews/reviews.contract.js';
import { wishlistContract } from './wishlist/wishlist.contract.js';
import { paymentWebhooksContract, paymentsContract } from './payments/payments.contract.js';
import { sessionsContract } from './sessions/sessions.contract.js';
import { mailContract } from './mail/mail.contract.js';
import { webhooksContract } from './webhooks/webhooks.contract.js';
import { stockContract } from './stock/stock.contract.js';
import { deliveriesContract } from './deliveries/deliveries.contract.js';
import { statsContract } from './stats/stats.contract.js';

const c = initContract();

/** Every v1 path starts with this prefix. */
export const API_PREFIX = '/api/v1';

/** The whole v1 API. */
export const api = c.router(
  {
    auth: authContract,
    users: usersContract,
    sessions: sessionsContract,
    categories: categoriesContract,
    products: productsContract,
    cart: cartContract,
    orders: ordersContract,
    reviews: reviewsContract,
    wishlist: wishlistContract,
    payments: paymentsContract,
    paymentWebhooks: paymentWebhooksContract,
    mail: mailContract,
    webhooks: webhooksContract,
    stock: stockContract,
    deliveries: deliveriesContract,
    stats: statsContract,
  },
  {
    pathPrefix: API_PREFIX,
    strictStatusCodes: true,
    commonResponses: problemResponses('rate_limited', 'internal_error', 'service_unavailable'),
  },
);
export type Api = typeof api;

export * from './common/problem.js';
export * from './common/pagination.js';
export * from './common/route-metadata.js';
export { UNIQUE_EXAMPLE } from './common/openapi-meta.js';
export * from './auth/auth.schemas.js';
export * from './users/users.schemas.js';
export * from './common/money.js';
export * from './categories/categories.schemas.js';
export * from './products/products.schemas.js';
export * from './variants/variants.schemas.js';
export * from './images/images.schemas.js';
export * from './facets/facets.schemas.js';
export * from './common/countries.js';
export * from './common/request-headers.js';
export * from './cart/cart.schemas.js';
export * from './orders/orders.schemas.js';
export * from './reviews/reviews.schemas.js';
export * from './wishlist/wishlist.schemas.js';
export * from './payments/payments.schemas.js';
export * from './sessions/sessions.schemas.js';
export * from './events/events.schemas.js';
export * from './mail/mail.schemas.js';
export * from './webhooks/webhooks.schemas.js';
export * from './stats/stats.schemas.js';
export { DeliveryStatsSchema, type DeliveryStats } from './deliveries/deliveries.contract.js';

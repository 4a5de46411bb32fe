import { initContract } from '@ts-rest/core';
import { BODY_PROBLEMS, OPTIONAL_USER_PROBLEMS, WRITE_PROBLEMS, problemResponses } from '../common/problem.js';
import { CartHeadersSchema, IdempotencyHeadersSchema } from '../common/request-headers.js';
import { optionalAuthRoute } from '../common/route-metadata.js';
import { AddCartItemBodySchema, CartItemParamsSchema, CartSchema, UpdateCartItemBodySchema } from './cart.schemas.js';

const c = initContract();

// Any cart route: an empty `X-Cart-Token` is 400, an unknown one 404.
const cartProblems = ['validation_failed', ...OPTIONAL_USER_PROBLEMS, 'cart_not_found', 'not_found'] as const;

const cartNote =
  'Signed in (`Authorization: Bearer`), this is your cart and `X-Cart-Token` is ignored. As a guest, name your cart with `X-Cart-Token`; an unknown or retired token is 404 `cart_not_found` (forget it and carry on as a new guest).';

/** The cart: one per customer, and guest carts named by a token. */
export const cartContract = c.router({
  get: {
    method: 'GET',
    path: '/cart',
    summary: 'Get the cart',
    description: `${cartNote} No cart yet: an empty one.`,
    headers: CartHeadersSchema,
    responses: { 200: CartSchema, ...problemResponses(...cartProblems) },
    metadata: optionalAuthRoute,
  },
  addItem: {
    method: 'POST',
    path: '/cart/items',
    summary: 'Add to the cart',
    description: [
      cartNote,
      'Adds `quantity` to the line of that variant (a line holds 1 to 99). A guest without a token gets a new cart: its token is in the `X-Cart-Token` response header and in `token`.',
      'An unknown product or variant is 400 naming the field; a product with several variants named by `product_id` is 400 `variant_required`; more than the stock is 409 `insufficient_stock`. Parallel adds to one cart all count.',
    ].join('\n\n'),
    headers: CartHeadersSchema.merge(IdempotencyHeadersSchema),
    body: AddCartItemBodySchema,
    responses: {
      200: CartSchema,
      ...problemResponses(
        ...OPTIONAL_USER_PROBLEMS,
        'cart_not_found',
        ...BODY_PROBLEMS,
        'variant_required',
        'not_found',
        'insufficient_stock',
        'idempotency_key_in_flight',
        'idempotency_key_reused',
        ...WRITE_PROBLEMS,
      ),
    },
    metadata: { ...optionalAuthRoute, idempotent: true, issuesCartToken: true },
  },
  updateItem: {
    method: 'PATCH',
    path: '/cart/items/:id',
    summary: 'Change the quantity of a cart line',
    description: `${cartNote} \`{id}\` is the line's variant id, or its product id when the cart holds one variant of that product.`,
    headers: CartHeadersSchema,
    pathParams: CartItemParamsSchema,
    body: UpdateCartItemBodySchema,
    responses: {
      200: CartSchema,
      ...problemResponses(
        ...OPTIONAL_USER_PROBLEMS,
        'cart_not_found',
        ...BODY_PROBLEMS,
        'not_found',
        'insufficient_stock',
        ...WRITE_PROBLEMS,
      ),
    },
    metadata: optionalAuthRoute,
  },
  removeItem: {
    method: 'DELETE',
    path: '/cart/items/:id',
    summary: 'Remove a cart line',
    description: `${cartNote} Removing a line that is not there is not an error.`,
    headers: CartHeadersSchema,
    pathParams: CartItemParamsSchema,
    responses: {
      200: CartSchema,
      ...problemResponses(...cartProblems, ...WRITE_PROBLEMS),
    },
    metadata: optionalAuthRoute,
  },
  clear: {
    method: 'DELETE',
    path: '/cart',
    summary: 'Empty the cart',
    description: cartNote,
    headers: CartHeadersSchema,
    responses: {
      204: c.noBody(),
      ...problemResponses(...cartProblems, ...WRITE_PROBLEMS),
    },
    metadata: optionalAuthRoute,
  },
});

import { initContract } from '@ts-rest/core';
import { USER_PROBLEMS, WRITE_PROBLEMS, problemResponses } from '../common/problem.js';
import { userRoute } from '../common/route-metadata.js';
import { ProductPageSchema } from '../products/products.schemas.js';
import { WishlistItemParamsSchema, WishlistQuerySchema } from './wishlist.schemas.js';

const c = initContract();

/** The signed-in customer's wishlist. A deleted product disappears from it. */
export const wishlistContract = c.router({
  list: {
    method: 'GET',
    path: '/wishlist',
    summary: 'List your wishlist',
    description: 'Products, newest addition first.',
    query: WishlistQuerySchema,
    responses: { 200: ProductPageSchema, ...problemResponses(...USER_PROBLEMS, 'validation_failed') },
    metadata: userRoute,
  },
  add: {
    method: 'PUT',
    path: '/wishlist/:product_id',
    summary: 'Add a product to your wishlist',
    description: 'Idempotent: adding it again changes nothing. An unknown product is 404.',
    pathParams: WishlistItemParamsSchema,
    body: c.noBody(),
    responses: { 204: c.noBody(), ...problemResponses(...USER_PROBLEMS, 'not_found', ...WRITE_PROBLEMS) },
    metadata: userRoute,
  },
  remove: {
    method: 'DELETE',
    path: '/wishlist/:product_id',
    summary: 'Remove a product from your wishlist',
    description: 'Idempotent: removing a product that is not there is not an error.',
    pathParams: WishlistItemParamsSchema,
    responses: { 204: c.noBody(), ...problemResponses(...USER_PROBLEMS, 'not_found', ...WRITE_PROBLEMS) },
    metadata: userRoute,
  },
});

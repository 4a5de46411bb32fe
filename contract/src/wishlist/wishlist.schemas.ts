import { z } from 'zod';
import { PageQuerySchema } from '../common/pagination.js';

/** Query of `GET /wishlist`. */
export const WishlistQuerySchema = PageQuerySchema;
export type WishlistQuery = z.infer<typeof WishlistQuerySchema>;

/** `{product_id}` of a wishlist entry. */
export const WishlistItemParamsSchema = z.object({ product_id: z.string().uuid() });

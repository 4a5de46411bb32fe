import { z } from 'zod';
import { extendApi } from './openapi-meta.js';

/** `Idempotency-Key`: 1 to 255 visible ASCII characters, e.g. a UUID the client made for this one intent. */
export const IdempotencyKeySchema = extendApi(
  z.string().regex(/^[\x21-\x7e]{1,255}$/, 'must be 1 to 255 visible ASCII characters'),
  {
    description:
      'Makes a retry safe: a repeat with the same key, caller and body within 24 hours gets the first answer again (`Idempotent-Replayed: true`) and changes nothing; the same key with another body is 422 `idempotency_key_reused`; a repeat while the first still runs is 409 `idempotency_key_in_flight`',
    example: '4f1c2b7e-9a0d-4c3e-8b1f-2a6d5e7c9b10',
  },
);

/** `X-Cart-Token`: names a guest's cart. An unknown or retired token is 404. */
export const CartTokenHeaderSchema = extendApi(z.string().min(1), {
  description: 'The guest cart token (`token` of the cart, or the `X-Cart-Token` response header of the first add)',
  example: 'ct_0d9Jm3q…',
});

/** Headers of routes that may be retried safely. */
export const IdempotencyHeadersSchema = z.object({ 'idempotency-key': IdempotencyKeySchema.optional() });
/** Headers of the cart routes: a guest names their cart. */
export const CartHeadersSchema = z.object({ 'x-cart-token': CartTokenHeaderSchema.optional() });

import type { Request } from 'express';
import { clientAddress } from '../../http/client-address.js';
import { hashCartToken } from './cart-token.js';

/** Whose cart a request means: the signed-in customer's, a guest's named by its token, or nobody's yet. */
export type CartOwner =
  { kind: 'user'; userId: string } | { kind: 'guest'; token: string; hash: Buffer } | { kind: 'anonymous' };

/** A customer's request ignores `X-Cart-Token`; a guest's names its cart with it. */
export function cartOwnerOf(req: Request): CartOwner {
  if (req.auth) return { kind: 'user', userId: req.auth.userId };
  const token = req.get('X-Cart-Token');
  return token ? { kind: 'guest', token, hash: hashCartToken(token) } : { kind: 'anonymous' };
}

/**
 * Whom an Idempotency-Key belongs to: the customer, the guest cart, or (a guest's very first add, with no cart
 * yet) the client address.
 */
export function idempotencyOwnerOf(owner: CartOwner, req: Request): string {
  if (owner.kind === 'user') return `user:${owner.userId}`;
  if (owner.kind === 'guest') return `cart:${owner.hash.toString('hex')}`;
  return `address:${clientAddress(req)}`;
}

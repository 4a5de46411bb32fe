import type { Transaction } from 'kysely';
import type { AddCartItemBody, Cart } from '@nexus/contract';
import type { DB } from '@nexus/db';
import type { Config } from '../../config.js';
import type { Db } from '../../database/transaction.js';
import { AppError } from '../../errors.js';
import { sumMoney } from '../../lib/money.js';
import { resolveVariant } from '../variants/variants.queries.js';
import type { CartOwner } from './cart-owner.js';
import { newCartToken } from './cart-token.js';
import {
  ensureUserCart,
  findGuestCart,
  findUserCart,
  insertGuestCart,
  lineQuantity,
  lockCart,
  readCartItems,
  setLineQuantity,
  touchCart,
  type CartRow,
} from './carts.queries.js';

export const MAX_LINE_QUANTITY = 99;

/** The cart as the API shows it; `cart` undefined is the empty cart of someone who has none yet. */
export async function cartView(
  db: Db,
  config: Pick<Config, 'STORE_CURRENCY'>,
  cart: CartRow | undefined,
  token: string | null,
): Promise<Cart> {
  const items = cart ? await readCartItems(db, cart.id) : [];
  return {
    id: cart?.id ?? null,
    token,
    items,
    item_count: items.reduce((count, item) => count + item.quantity, 0),
    subtotal: sumMoney(items.map((item) => item.line_total)),
    currency: config.STORE_CURRENCY,
    updated_at: cart?.updated_at ?? null,
  };
}

/** The owner's existing cart, or undefined; an unknown guest token is 404. */
export async function findCart(db: Db, owner: CartOwner): Promise<CartRow | undefined> {
  if (owner.kind === 'user') return findUserCart(db, owner.userId);
  if (owner.kind === 'anonymous') return undefined;
  const cart = await findGuestCart(db, owner.hash);
  if (!cart) throw new AppError('cart_not_found', 'No cart has this X-Cart-Token (it may have expired or been merged)');
  return cart;
}

/** The owner's cart, made if needed (a guest without a token gets a new guest cart and its token), locked. */
export async function openCartForChange(
  trx: Transaction<DB>,
  owner: CartOwner,
): Promise<{ cart: CartRow; token: string | null }> {
  let opened: { cart: CartRow; token: string | null };
  if (owner.kind === 'user') opened = { cart: await ensureUserCart(trx, owner.userId), token: null };
  else if (owner.kind === 'guest') opened = { cart: (await findCart(trx, owner))!, token: owner.token };
  else {
    const { token, hash } = newCartToken();
    opened = { cart: await insertGuestCart(trx, hash), token };
  }
  await lockCart(trx, opened.cart.id);
  return opened;
}

/** Checks a line's new quantity against the per-line limit and the variant's stock now. */
export function checkLineQuantity(variant: { id: string; productId: string; stock: number }, quantity: number): void {
  if (quantity > MAX_LINE_QUANTITY) {
    throw new AppError('validation_failed', `A cart line holds at most ${MAX_LINE_QUANTITY}`, [
      { path: 'quantity', message: `the line would hold ${quantity}; at most ${MAX_LINE_QUANTITY}` },
    ]);
  }
  if (quantity > variant.stock) {
    throw new AppError('insufficient_stock', `Only ${variant.stock} in stock`, [
      {
        path: 'quantity',
        message: `only ${variant.stock} in stock`,
        product_id: variant.productId,
        variant_id: variant.id,
        available: variant.stock,
      },
    ]);
  }
}

/** Adds to a line of the (locked) cart: the variant named, or a product's only one. */
export async function addToCart(trx: Transaction<DB>, cartId: string, body: AddCartItemBody): Promise<void> {
  const ref = body.variant_id ? { variant_id: body.variant_id } : { product_id: body.product_id! };
  const variant = await resolveVariant(trx, ref);
  const field = body.variant_id ? 'variant_id' : 'product_id';
  if (!variant.found && variant.reason === 'several') {
    throw new AppError('variant_required', 'This product has several variants: send variant_id', [
      { path: 'product_id', message: 'has several variants; name one with variant_id' },
    ]);
  }
  if (!variant.found)
    throw new AppError('validation_failed', '1 field is invalid', [
      { path: field, message: `no such ${field === 'variant_id' ? 'variant' : 'product'}` },
    ]);
  const quantity = (await lineQuantity(trx, cartId, variant.id)) + body.quantity;
  checkLineQuantity(variant, quantity);
  await setLineQuantity(trx, cartId, variant.id, quantity);
  await touchCart(trx, cartId);
}

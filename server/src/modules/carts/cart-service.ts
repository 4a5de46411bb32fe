import type { Transaction } from 'kysely';
import type { AddCartItemBody, Cart } from '@nexus/contract';
import type { DB } from '@nexus/db';
import type { Config } from '../../config.js';
import type { Db } from '../../database/transaction.js';
import { AppError } from '../../errors.js';
import { sumMoney } from '../../lib/money.js';
import { resolveVariant, type VariantRef } from '../variants/variants.queries.js';
import type { CartOwner } from './cart-owner.js';
import { newCartToken } from './cart-token.js';
import {
  addLine,
  ensureUserCart,
  findGuestCart,
  findUserCart,
  insertGuestCart,
  lineQuantity,
  lockCart,
  readCartItems,
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

/**
 * Adds to a cart line (the owner's cart, made if needed: a guest without a token gets a new guest cart and its
 * token) in one statement (addLine); when it adds nothing, says why with the matching problem.
 */
export async function addToCart(
  db: Db,
  owner: CartOwner,
  body: AddCartItemBody,
): Promise<{ cart: CartRow; token: string | null }> {
  const ref = body.variant_id ? { variant_id: body.variant_id } : { product_id: body.product_id! };
  // A refusal explained by the state it then reads; should that state already allow the add (a line was
  // removed meanwhile), the add is simply tried again.
  for (let attempt = 1; attempt <= 3; attempt += 1) {
    const fresh = owner.kind === 'anonymous' ? newCartToken() : undefined;
    const target =
      owner.kind === 'user'
        ? { userId: owner.userId }
        : owner.kind === 'guest'
          ? { guestHash: owner.hash }
          : { newGuestHash: fresh!.hash };
    const cart = await addLine(db, target, ref, body.quantity, MAX_LINE_QUANTITY);
    if (cart) return { cart, token: owner.kind === 'guest' ? owner.token : (fresh?.token ?? null) };
    await explainRefusedAdd(db, owner, ref, body.quantity);
  }
  throw new AppError('write_conflict', 'The cart kept changing while adding to it; retry');
}

/** Throws the problem that explains why an add changed nothing, as the cart and the variant are now. */
async function explainRefusedAdd(db: Db, owner: CartOwner, ref: VariantRef, quantity: number): Promise<void> {
  const cart = await findCart(db, owner);
  const variant = await resolveVariant(db, ref);
  const field = 'variant_id' in ref ? 'variant_id' : 'product_id';
  if (!variant.found && variant.reason === 'several') {
    throw new AppError('variant_required', 'This product has several variants: send variant_id', [
      { path: 'product_id', message: 'has several variants; name one with variant_id' },
    ]);
  }
  if (!variant.found)
    throw new AppError('validation_failed', '1 field is invalid', [
      { path: field, message: `no such ${field === 'variant_id' ? 'variant' : 'product'}` },
    ]);
  checkLineQuantity(variant, (cart ? await lineQuantity(db, cart.id, variant.id) : 0) + quantity);
}

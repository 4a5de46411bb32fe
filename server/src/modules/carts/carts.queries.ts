import { sql, type Transaction } from 'kysely';
import { jsonBuildObject } from 'kysely/helpers/postgres';
import type { CartItem } from '@nexus/contract';
import type { DB } from '@nexus/db';
import type { Db } from '../../database/transaction.js';

export interface CartRow {
  id: string;
  updated_at: string;
}

export function findCartById(db: Db, cartId: string): Promise<CartRow | undefined> {
  return db.selectFrom('carts').select(['id', 'updated_at']).where('id', '=', cartId).executeTakeFirst();
}

export function findUserCart(db: Db, userId: string): Promise<CartRow | undefined> {
  return db.selectFrom('carts').select(['id', 'updated_at']).where('user_id', '=', userId).executeTakeFirst();
}

export function findGuestCart(db: Db, tokenHash: Buffer): Promise<CartRow | undefined> {
  return db.selectFrom('carts').select(['id', 'updated_at']).where('token_hash', '=', tokenHash).executeTakeFirst();
}

/** The customer's cart, made on first use (two first uses at once end with the same single cart). */
export async function ensureUserCart(trx: Transaction<DB>, userId: string): Promise<CartRow> {
  await trx
    .insertInto('carts')
    .values({ user_id: userId })
    .onConflict((oc) => oc.column('user_id').doNothing())
    .execute();
  return (await findUserCart(trx, userId))!;
}

export function insertGuestCart(trx: Transaction<DB>, tokenHash: Buffer): Promise<CartRow> {
  return trx
    .insertInto('carts')
    .values({ token_hash: tokenHash })
    .returning(['id', 'updated_at'])
    .executeTakeFirstOrThrow();
}

/**
 * Locks the cart row: every change to a cart's lines takes this lock first, so parallel changes to one cart
 * queue and none is lost, and a checkout sees the lines exactly as they are.
 */
export async function lockCart(trx: Transaction<DB>, cartId: string): Promise<void> {
  await trx.selectFrom('carts').select('id').where('id', '=', cartId).forUpdate().executeTakeFirst();
}

/** Marks the cart as changed (guest carts expire GUEST_CART_TTL after their last change). */
export async function touchCart(trx: Transaction<DB>, cartId: string): Promise<void> {
  await trx
    .updateTable('carts')
    .set({ updated_at: sql`now()` })
    .where('id', '=', cartId)
    .execute();
}

/** The cart's lines as the API shows them, oldest first, priced in SQL (exact numeric). */
export function readCartItems(db: Db, cartId: string): Promise<CartItem[]> {
  return db
    .selectFrom('cart_items as ci')
    .innerJoin('product_variants as v', 'v.id', 'ci.variant_id')
    .innerJoin('products as p', 'p.id', 'v.product_id')
    .select((eb) => [
      'v.product_id',
      'ci.variant_id',
      jsonBuildObject({
        id: eb.ref('p.id'),
        name: eb.ref('p.name'),
        slug: eb.ref('p.slug'),
        price: sql<string>`p.price::text`,
        stock: eb.ref('p.stock'),
      }).as('product'),
      jsonBuildObject({
        id: eb.ref('v.id'),
        sku: eb.ref('v.sku'),
        title: eb.ref('v.title'),
        options: eb.ref('v.options'),
      }).as('variant'),
      'ci.quantity',
      sql<string>`v.price::text`.as('unit_price'),
      sql<string>`(v.price * ci.quantity)::numeric(14, 2)::text`.as('line_total'),
    ])
    .where('ci.cart_id', '=', cartId)
    .orderBy('ci.added_at')
    .orderBy('ci.variant_id')
    .execute() as Promise<CartItem[]>;
}

/** The current quantity of a line. */
export async function lineQuantity(db: Db, cartId: string, variantId: string): Promise<number> {
  const row = await db
    .selectFrom('cart_items')
    .select('quantity')
    .where('cart_id', '=', cartId)
    .where('variant_id', '=', variantId)
    .executeTakeFirst();
  return row?.quantity ?? 0;
}

export async function setLineQuantity(
  trx: Transaction<DB>,
  cartId: string,
  variantId: string,
  quantity: number,
): Promise<void> {
  await trx
    .insertInto('cart_items')
    .values({ cart_id: cartId, variant_id: variantId, quantity })
    .onConflict((oc) => oc.columns(['cart_id', 'variant_id']).doUpdateSet({ quantity }))
    .execute();
}

export async function deleteLine(trx: Transaction<DB>, cartId: string, variantId: string): Promise<void> {
  await trx.deleteFrom('cart_items').where('cart_id', '=', cartId).where('variant_id', '=', variantId).execute();
}

export async function clearLines(trx: Transaction<DB>, cartId: string): Promise<void> {
  await trx.deleteFrom('cart_items').where('cart_id', '=', cartId).execute();
}

/** The variant of the line `{id}` names: a variant id, or a product id when the cart holds one variant of it. */
export async function findLineVariant(db: Db, cartId: string, id: string): Promise<string | undefined> {
  const rows = await db
    .selectFrom('cart_items as ci')
    .innerJoin('product_variants as v', 'v.id', 'ci.variant_id')
    .select('ci.variant_id')
    .where('ci.cart_id', '=', cartId)
    .where((eb) => eb.or([eb('ci.variant_id', '=', id), eb('v.product_id', '=', id)]))
    .limit(2)
    .execute();
  const exact = rows.find((row) => row.variant_id === id);
  if (exact) return exact.variant_id;
  return rows.length === 1 ? rows[0]!.variant_id : undefined;
}

/** Deletes guest carts nobody has changed for `ttlSeconds`; returns how many. */
export async function deleteStaleGuestCarts(db: Db, ttlSeconds: number): Promise<number> {
  const result = await sql`
    delete from carts where id in (
      select id from carts where user_id is null and updated_at < now() - make_interval(secs => ${ttlSeconds})
       limit 1000 for update skip locked)`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/** Whose cart an add goes to: a customer's (made on first use), a guest's by token hash, or a new guest cart. */
export type AddTarget = { userId: string } | { guestHash: Buffer } | { newGuestHash: Buffer };

/**
 * Adds `quantity` units of a variant (or of a product's only variant) to a cart in one statement, atomic on its
 * own: the cart row is locked first (made or touched), so parallel changes to one cart queue; the line is an
 * upsert that adds to the quantity last committed, so parallel adds never lose one. Nothing is added when the
 * reference is unknown or ambiguous, or the line would exceed `maxLine` or the stock; the answer is then
 * undefined and the caller explains why (a refused add to an existing line still touches its cart's updated_at).
 */
export async function addLine(
  db: Db,
  target: AddTarget,
  ref: { variant_id: string } | { product_id: string },
  quantity: number,
  maxLine: number,
): Promise<CartRow | undefined> {
  const cart =
    'userId' in target
      ? sql`insert into carts (user_id) select ${target.userId} from target
              on conflict (user_id) do update set updated_at = now() returning id, updated_at`
      : 'guestHash' in target
        ? sql`update carts set updated_at = now() where token_hash = ${target.guestHash} and exists (select 1 from target)
              returning id, updated_at`
        : sql`insert into carts (token_hash) select ${target.newGuestHash} from target returning id, updated_at`;
  const matches = 'variant_id' in ref ? sql`id = ${ref.variant_id}::uuid` : sql`product_id = ${ref.product_id}::uuid`;
  const { rows } = await sql<{ id: string; updated_at: string }>`
    with variant as (select id, stock from product_variants where ${matches} limit 2),
    target as (
      select id, stock from variant
       where (select count(*) from variant) = 1 and ${quantity}::integer <= least(${maxLine}::integer, stock)),
    cart as (${cart}),
    line as (
      insert into cart_items (cart_id, variant_id, quantity)
      select cart.id, target.id, ${quantity} from cart, target
          on conflict (cart_id, variant_id) do update set quantity = cart_items.quantity + excluded.quantity
       where cart_items.quantity + excluded.quantity <= least(${maxLine}::integer, (select stock from target))
      returning cart_id)
    select cart.id, cart.updated_at from cart join line on line.cart_id = cart.id`.execute(db);
  return rows[0];
}

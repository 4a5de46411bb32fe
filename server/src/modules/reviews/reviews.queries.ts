import type { ExpressionBuilder, Transaction } from 'kysely';
import { jsonBuildObject } from 'kysely/helpers/postgres';
import type { AdminReview, AdminReviewListQuery, Review, ReviewListQuery, UpdateReviewBody } from '@nexus/contract';
import type { DB } from '@nexus/db';
import type { Db } from '../../database/transaction.js';

function selectReviews(db: Db) {
  return db
    .selectFrom('reviews as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .select((eb) => [
      'r.id',
      'r.product_id',
      jsonBuildObject({ id: eb.ref('u.id'), first_name: eb.ref('u.first_name') }).as('user'),
      'r.rating',
      'r.title',
      'r.body',
      'r.created_at',
      'r.updated_at',
    ]);
}

export function findReview(db: Db, id: string): Promise<Review | undefined> {
  return selectReviews(db).where('r.id', '=', id).executeTakeFirst();
}

/** A product's reviews in the asked order, ties by id: `(product_id, created_at, id)` and `(product_id, rating, …)`. */
export async function listReviews(
  db: Db,
  productId: string,
  query: ReviewListQuery,
): Promise<{ count: number; rows: Review[] }> {
  const direction = query.ordering.startsWith('-') ? 'desc' : 'asc';
  const key = query.ordering.replace('-', '') as 'created_at' | 'rating';
  let rows = selectReviews(db).where('r.product_id', '=', productId).orderBy(`r.${key}`, direction);
  if (key === 'rating') rows = rows.orderBy('r.created_at', direction);
  const [page, total] = await Promise.all([
    rows
      .orderBy('r.id', direction)
      .limit(query.page_size)
      .offset((query.page - 1) * query.page_size)
      .execute(),
    db
      .selectFrom('reviews')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('product_id', '=', productId)
      .executeTakeFirstOrThrow(),
  ]);
  return { count: Number(total.count), rows: page };
}

function matchesAdminFilters(query: AdminReviewListQuery) {
  return (eb: ExpressionBuilder<DB & { r: DB['reviews'] }, 'r'>) =>
    eb.and([
      ...(query.rating ? [eb('r.rating', '=', query.rating)] : []),
      ...(query.product_id ? [eb('r.product_id', '=', query.product_id)] : []),
      ...(query.user_id ? [eb('r.user_id', '=', query.user_id)] : []),
    ]);
}

/**
 * Every review newest first (ties by id), each with its product's name, and the total: `reviews_created_at_id_idx`
 * unfiltered, the product and user indexes when narrowed.
 */
export async function listAllReviews(
  db: Db,
  query: AdminReviewListQuery,
): Promise<{ count: number; rows: AdminReview[] }> {
  const [page, total] = await Promise.all([
    selectReviews(db)
      .innerJoin('products as p', 'p.id', 'r.product_id')
      .select('p.name as product_name')
      .where(matchesAdminFilters(query))
      .orderBy('r.created_at', 'desc')
      .orderBy('r.id', 'desc')
      .limit(query.page_size)
      .offset((query.page - 1) * query.page_size)
      .execute(),
    db
      .selectFrom('reviews as r')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where(matchesAdminFilters(query))
      .executeTakeFirstOrThrow(),
  ]);
  return { count: Number(total.count), rows: page };
}

/** Whether the user has an order of this product that was paid (paid, shipped or delivered). */
export async function isVerifiedBuyer(db: Db, userId: string, productId: string): Promise<boolean> {
  const row = await db
    .selectFrom('order_items as i')
    .innerJoin('orders as o', 'o.id', 'i.order_id')
    .select('i.order_id')
    .where('i.product_id', '=', productId)
    .where('o.user_id', '=', userId)
    .where('o.status', 'in', ['paid', 'shipped', 'delivered'])
    .limit(1)
    .executeTakeFirst();
  return Boolean(row);
}

export async function insertReview(
  trx: Transaction<DB>,
  review: { product_id: string; user_id: string; rating: number; title: string; body: string },
): Promise<string> {
  const { id } = await trx.insertInto('reviews').values(review).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** Updates the author's own review; undefined when the review is not theirs or not there. */
export async function updateOwnReview(trx: Transaction<DB>, id: string, userId: string, changes: UpdateReviewBody) {
  if (Object.keys(changes).length === 0) {
    return trx.selectFrom('reviews').select('id').where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
  }
  return trx
    .updateTable('reviews')
    .set(changes)
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .returning('id')
    .executeTakeFirst();
}

export async function deleteReview(db: Db, id: string, scope: { userId: string } | { admin: true }): Promise<boolean> {
  const result = await db
    .deleteFrom('reviews')
    .where('id', '=', id)
    .$if('userId' in scope, (qb) => qb.where('user_id', '=', (scope as { userId: string }).userId))
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export const productExists = async (db: Db, productId: string) =>
  Boolean(await db.selectFrom('products').select('id').where('id', '=', productId).executeTakeFirst());

import { initServer } from '@ts-rest/express';
import { api } from '@nexus/contract';
import type { Deps, RouterFor } from '../../deps.js';
import { withTransaction } from '../../database/transaction.js';
import { principalOf } from '../../http/authenticate.js';
import { pageLinks } from '../../http/pagination.js';
import { reply } from '../../http/problem.js';
import {
  deleteReview,
  findReview,
  insertReview,
  isVerifiedBuyer,
  listAllReviews,
  listReviews,
  productExists,
  updateOwnReview,
} from './reviews.queries.js';

const s = initServer();

export function reviewsRouter({ db }: Deps): RouterFor<typeof api.reviews> {
  return s.router(api.reviews, {
    list: async ({ req, params, query }) => {
      if (!(await productExists(db, params.id))) return reply('not_found', `No product ${params.id}`);
      const { count, rows } = await listReviews(db, params.id, query);
      return { status: 200, body: { count, ...pageLinks(req, query, count), next_cursor: null, results: rows } };
    },

    listAll: async ({ req, query }) => {
      const { count, rows } = await listAllReviews(db, query);
      return { status: 200, body: { count, ...pageLinks(req, query, count), next_cursor: null, results: rows } };
    },

    create: async ({ req, params, body }) => {
      const { userId } = principalOf(req);
      if (!(await productExists(db, params.id))) return reply('not_found', `No product ${params.id}`);
      if (!(await isVerifiedBuyer(db, userId, params.id))) {
        return reply('not_a_verified_buyer', 'Only customers with a paid order of this product may review it');
      }
      // The rating trigger updates the product in the same transaction; the unique constraint answers a second review.
      const id = await withTransaction(db, (trx) =>
        insertReview(trx, {
          product_id: params.id,
          user_id: userId,
          rating: body.rating,
          title: body.title ?? '',
          body: body.body,
        }),
      );
      return { status: 201, body: (await findReview(db, id))! };
    },

    update: async ({ req, params, body }) => {
      const { userId } = principalOf(req);
      const updated = await withTransaction(db, (trx) => updateOwnReview(trx, params.id, userId, body));
      return updated
        ? { status: 200, body: (await findReview(db, params.id))! }
        : reply('not_found', `No review ${params.id}`);
    },

    delete: async ({ req, params }) => {
      const { userId, role } = principalOf(req);
      const deleted = await deleteReview(db, params.id, role === 'admin' ? { admin: true } : { userId });
      return deleted ? { status: 204, body: undefined } : reply('not_found', `No review ${params.id}`);
    },
  });
}

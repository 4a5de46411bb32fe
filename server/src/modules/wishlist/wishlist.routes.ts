import { initServer } from '@ts-rest/express';
import { api } from '@nexus/contract';
import type { Deps, RouterFor } from '../../deps.js';
import { principalOf } from '../../http/authenticate.js';
import { pageLinks } from '../../http/pagination.js';
import { reply } from '../../http/problem.js';
import { addToWishlist, listWishlist, removeFromWishlist } from './wishlist.queries.js';

const s = initServer();

export function wishlistRouter({ db, media }: Deps): RouterFor<typeof api.wishlist> {
  return s.router(api.wishlist, {
    list: async ({ req, query }) => {
      const { count, rows } = await listWishlist(db, media.baseUrl, principalOf(req).userId, query);
      return { status: 200, body: { count, ...pageLinks(req, query, count), next_cursor: null, results: rows } };
    },
    add: async ({ req, params }) => {
      const added = await addToWishlist(db, principalOf(req).userId, params.product_id);
      return added ? { status: 204, body: undefined } : reply('not_found', `No product ${params.product_id}`);
    },
    remove: async ({ req, params }) => {
      await removeFromWishlist(db, principalOf(req).userId, params.product_id);
      return { status: 204, body: undefined };
    },
  });
}

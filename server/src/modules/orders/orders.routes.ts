import { initServer } from '@ts-rest/express';
import { api, type Order } from '@nexus/contract';
import type { Deps, RouterFor } from '../../deps.js';
import { principalOf } from '../../http/authenticate.js';
import { pageLinks } from '../../http/pagination.js';
import { reply } from '../../http/problem.js';
import { withIdempotency } from '../idempotency/idempotency.js';
import { emitEvent } from '../events/outbox.js';
import { listOrderEvents } from '../events/events.queries.js';
import { checkout } from './checkout.js';
import { moveOrder } from './move-order.js';
import { findOrder, findOrderOwner, listOrders } from './orders.queries.js';

const s = initServer();

export function ordersRouter(deps: Deps): RouterFor<typeof api.orders> {
  const { db, config } = deps;
  const actorOf = (req: Parameters<typeof principalOf>[0]) => {
    const { userId, role } = principalOf(req);
    return { userId, isAdmin: role === 'admin' };
  };

  return s.router(api.orders, {
    create: async ({ req, res, body, headers }) => {
      const { userId } = principalOf(req);
      const answer = await withIdempotency(
        db,
        { owner: `user:${userId}`, key: headers['idempotency-key'], operation: 'orders.create', body: req.body },
        res,
        async (trx) => {
          const order = await checkout(trx, config, userId, body);
          await emitEvent(trx, 'order.placed', order.id, order);
          return { status: 201 as const, body: order };
        },
      );
      return { status: 201, body: answer.body as Order };
    },

    list: async ({ req, query }) => {
      const actor = actorOf(req);
      // A customer sees their own orders whatever the query says; an admin may filter by customer.
      const { count, rows } = await listOrders(db, { ...query, user_id: actor.isAdmin ? query.user_id : actor.userId });
      return { status: 200, body: { count, ...pageLinks(req, query, count), next_cursor: null, results: rows } };
    },

    get: async ({ req, params }) => {
      const actor = actorOf(req);
      const order = await findOrder(db, params.id);
      // Someone else's order does not exist for you: no id probing.
      return order && (actor.isAdmin || order.user_id === actor.userId)
        ? { status: 200, body: order }
        : reply('not_found', `No order ${params.id}`);
    },

    cancel: async ({ req, params }) => {
      const order = await moveOrder(deps, params.id, 'cancelled', actorOf(req));
      return order ? { status: 200, body: order } : reply('not_found', `No order ${params.id}`);
    },

    update: async ({ req, params, body }) => {
      const order = await moveOrder(deps, params.id, body.status, actorOf(req));
      return order ? { status: 200, body: order } : reply('not_found', `No order ${params.id}`);
    },

    events: async ({ params }) =>
      (await findOrderOwner(db, params.id))
        ? { status: 200, body: await listOrderEvents(db, params.id) }
        : reply('not_found', `No order ${params.id}`),
  });
}

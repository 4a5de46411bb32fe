import { initServer } from '@ts-rest/express';
import { api, type Payment } from '@nexus/contract';
import type { Deps, RouterFor } from '../../deps.js';
import { principalOf } from '../../http/authenticate.js';
import { reply } from '../../http/problem.js';
import { withIdempotency } from '../idempotency/idempotency.js';
import { findOrderOwner } from '../orders/orders.queries.js';
import { receivePaymentEvent } from './apply-payment-event.js';
import { startPayment } from './create-payment.js';
import { findPayment, findPaymentOwner, listOrderPayments } from './payments.queries.js';

const s = initServer();

export function paymentsRouter(deps: Deps): RouterFor<typeof api.payments> {
  const { db } = deps;
  return s.router(api.payments, {
    create: async ({ req, res, params, body, headers }) => {
      const { userId } = principalOf(req);
      let paymentId: string | undefined;
      const answer = await withIdempotency(
        db,
        {
          owner: `user:${userId}`,
          key: headers['idempotency-key'],
          operation: `payments.create:${params.id}`,
          body: req.body,
        },
        res,
        async (trx) => ({ status: 201 as const, body: (await findPayment(trx, paymentId!))! }),
        {
          prepare: async () =>
            (paymentId = await startPayment(deps, { orderId: params.id, userId, provider: body.provider })),
        },
      );
      return { status: 201, body: answer.body as Payment };
    },

    list: async ({ req, params }) => {
      const { userId, role } = principalOf(req);
      const order = await findOrderOwner(db, params.id);
      // Someone else's order does not exist for you: no id probing.
      if (!order || (role !== 'admin' && order.user_id !== userId)) return reply('not_found', `No order ${params.id}`);
      const payments = await listOrderPayments(db, params.id);
      // The secret completes the payment: only the customer paying gets it.
      const own = order.user_id === userId;
      return { status: 200, body: own ? payments : payments.map((payment) => ({ ...payment, client_secret: null })) };
    },

    testConfirm: async ({ req, params, body }) => {
      const { userId } = principalOf(req);
      const owned = await findPaymentOwner(db, params.id);
      if (!owned || owned.user_id !== userId) return reply('not_found', `No payment ${params.id}`);
      if (owned.provider !== 'test' || !deps.payments.test) {
        return reply(
          'test_provider_only',
          `Payment ${params.id} is a ${owned.provider} payment: its provider confirms it`,
        );
      }
      await receivePaymentEvent(deps, deps.payments.test.confirmation(owned.reference, body.outcome));
      return { status: 200, body: (await findPayment(db, params.id))! };
    },
  });
}

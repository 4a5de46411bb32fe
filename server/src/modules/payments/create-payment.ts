import type { Transaction } from 'kysely';
import type { Payment, PaymentProvider } from '@nexus/contract';
import type { DB } from '@nexus/db';
import type { Deps } from '../../deps.js';
import { AppError } from '../../errors.js';
import { lockOrder } from '../orders/orders.queries.js';
import { findOpenPayment, insertPayment } from './payments.queries.js';

/**
 * Starts paying for a pending order, inside the caller's transaction (withIdempotency's, so a replayed key
 * answers the same payment). The order row lock serialises every payment start, cancellation and provider
 * event of the order: two tabs starting at once get one payment. The provider is called under that lock with
 * an idempotency key derived from `paymentId`, which the route chose before the transaction, so a retried
 * transaction asks for the same PaymentIntent again and never creates a second one. Someone else's order is
 * 404, as if it did not exist.
 */
export async function createPayment(
  trx: Transaction<DB>,
  { payments }: Pick<Deps, 'payments'>,
  request: { paymentId: string; orderId: string; userId: string; provider: PaymentProvider | undefined },
): Promise<Payment> {
  const order = await lockOrder(trx, request.orderId);
  if (!order || order.user_id !== request.userId) throw new AppError('not_found', `No order ${request.orderId}`);
  if (order.status !== 'pending') {
    throw new AppError('invalid_transition', `This order is ${order.status}: only a pending order takes a payment`);
  }
  const open = await findOpenPayment(trx, order.id);
  if (open) return open;
  const name = request.provider ?? payments.defaultName;
  const provider = name && payments.get(name);
  if (!provider) {
    throw new AppError(
      'payment_provider_unavailable',
      name
        ? `The ${name} provider is not enabled on this store`
        : 'This store takes payments outside the API only (PAYMENTS_MANUAL_ONLY)',
    );
  }
  const charge = { paymentId: request.paymentId, orderId: order.id, orderNumber: order.number };
  const { reference, clientSecret } = await provider.createPayment({
    ...charge,
    amount: order.total,
    currency: order.currency,
  });
  return insertPayment(trx, {
    id: request.paymentId,
    orderId: order.id,
    provider: provider.name,
    amount: order.total,
    currency: order.currency,
    reference,
    clientSecret,
  });
}

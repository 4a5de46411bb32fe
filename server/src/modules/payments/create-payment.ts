import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { PaymentProvider as PaymentProviderName } from '@nexus/contract';
import type { DB } from '@nexus/db';
import type { Deps } from '../../deps.js';
import { withTransaction } from '../../database/transaction.js';
import { AppError } from '../../errors.js';
import { lockOrder } from '../orders/orders.queries.js';
import { findOpenPayment, recordProviderHandle, reservePayment, setPaymentStatus } from './payments.queries.js';
import type { PaymentProviders } from './providers/payment-providers.js';

export interface StartPaymentRequest {
  orderId: string;
  userId: string;
  provider: PaymentProviderName | undefined;
}

/**
 * Starts paying for a pending order, or finds the payment already in progress, and answers its id. Three short
 * steps, so that no connection or row lock is held while the provider is asked:
 * 1. reserve, in a transaction with the order row locked: the order must be this user's (else 404) and pending
 *    (else 409 `invalid_transition`); the payment in progress is found, or a new one reserved. The lock and
 *    `payments_one_open_per_order` make it one per order, however many tabs ask at once;
 * 2. ask the provider, outside any transaction, with an idempotency key derived from the payment's id: a repeat
 *    (another tab, a retry after a 502, a crash between the steps) gets the same PaymentIntent back;
 * 3. record the provider's handle on the payment (the first answer stays).
 */
export async function startPayment(deps: Pick<Deps, 'db' | 'payments'>, request: StartPaymentRequest): Promise<string> {
  const reserved = await withTransaction(deps.db, (trx) => reserve(trx, deps.payments, request));
  if (reserved.reference) return reserved.id;
  const provider = deps.payments.get(reserved.provider)!;
  const handle = await provider.createPayment({
    paymentId: reserved.id,
    orderId: reserved.order.id,
    orderNumber: reserved.order.number,
    amount: reserved.order.total,
    currency: reserved.order.currency,
  });
  await recordProviderHandle(deps.db, reserved.id, handle);
  return reserved.id;
}

async function reserve(trx: Transaction<DB>, payments: PaymentProviders, request: StartPaymentRequest) {
  const order = await lockOrder(trx, request.orderId);
  if (!order || order.user_id !== request.userId) throw new AppError('not_found', `No order ${request.orderId}`);
  if (order.status !== 'pending') {
    throw new AppError('invalid_transition', `This order is ${order.status}: only a pending order takes a payment`);
  }
  const open = await findOpenPayment(trx, order.id);
  // A reservation whose provider has since been turned off can never be completed: it gives way.
  if (open && (open.reference || payments.get(open.provider))) return { ...open, order };
  if (open) await setPaymentStatus(trx, open.id, 'cancelled');

  const name = request.provider ?? payments.defaultName;
  if (!name || !payments.get(name)) {
    throw new AppError(
      'payment_provider_unavailable',
      name
        ? `The ${name} provider is not enabled on this store`
        : 'This store takes payments outside the API only (PAYMENTS_MANUAL_ONLY)',
    );
  }
  const id = randomUUID();
  await reservePayment(trx, { id, orderId: order.id, provider: name, amount: order.total, currency: order.currency });
  return { id, provider: name, reference: null, order };
}

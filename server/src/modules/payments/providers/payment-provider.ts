import type { PaymentProvider as PaymentProviderName, PaymentStatus } from '@nexus/contract';

/** What the provider needs to take an order's total. */
export interface ChargeRequest {
  paymentId: string;
  orderId: string;
  orderNumber: string;
  /** Exact decimal string, two places (`"1299.00"`). */
  amount: string;
  currency: string;
}

/** The provider's handle on a payment: its id for it, and the secret the customer's browser completes it with. */
export interface ProviderPayment {
  reference: string;
  clientSecret: string;
}

export interface RefundRequest {
  paymentId: string;
  reference: string;
  amount: string;
  currency: string;
}

/**
 * `succeeded`: the money is back. `pending`: the provider confirms later, by webhook. `failed`: the provider
 * gave up on it (the card was closed, say); the refund stays owed and needs an operator.
 */
export interface ProviderRefund {
  refundId: string;
  state: 'succeeded' | 'pending' | 'failed';
}

/** What a provider says happened to one of its payments: from a verified webhook, or the test provider. */
export interface PaymentEvent {
  provider: PaymentProviderName;
  /** The provider's event id: each is applied at most once. */
  eventId: string;
  type: string;
  /** The provider's id of the payment (`ProviderPayment.reference`). */
  reference: string;
  /** The status the event moves the payment to. */
  outcome: Exclude<PaymentStatus, 'requires_action'>;
}

/**
 * A payment provider. Calls are idempotent per payment (keys derived from our payment id), so retrying any of
 * them never charges or refunds twice. Failures to reach the provider throw 502 `payment_provider_failed`.
 */
export interface PaymentProvider {
  readonly name: PaymentProviderName;
  createPayment(request: ChargeRequest): Promise<ProviderPayment>;
  refundPayment(request: RefundRequest): Promise<ProviderRefund>;
  /**
   * Tells the provider the order no longer waits for this payment, so the customer cannot complete it. Best
   * effort: one completed meanwhile is refunded when its success arrives.
   */
  cancelPayment?(request: { paymentId: string; reference: string }): Promise<void>;
  /**
   * Verifies a webhook delivery over its exact bytes and reads it: the event to apply, or null for an event
   * that changes nothing here. A missing, wrong or stale signature throws 400 `invalid_signature`.
   */
  parseWebhook?(rawBody: Buffer, signature: string | undefined): PaymentEvent | null;
}

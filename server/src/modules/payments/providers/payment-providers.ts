import type { Logger } from 'pino';
import type { PaymentProvider as PaymentProviderName } from '@nexus/contract';
import type { Config } from '../../../config.js';
import type { PaymentProvider } from './payment-provider.js';
import { createStripeProvider } from './stripe-provider.js';
import { createTestProvider, type TestProvider } from './test-provider.js';

/** The providers this process takes payments with, decided once from the configuration. */
export interface PaymentProviders {
  /** Used when a request names none; undefined when payments are taken outside the API only. */
  defaultName: PaymentProviderName | undefined;
  get(name: PaymentProviderName): PaymentProvider | undefined;
  /** The test provider: outside production, and only when Stripe is not configured. */
  test: TestProvider | undefined;
}

/**
 * `stripe` when STRIPE_SECRET_KEY is set; otherwise `test`, outside production only. Never both: next to a real
 * provider, a provider whose customer "pays" by saying so would be a free order for anyone. In production
 * without Stripe, config refuses to start unless PAYMENTS_MANUAL_ONLY=true.
 */
export function createPaymentProviders(config: Config, logger: Logger): PaymentProviders {
  const stripe = config.STRIPE_SECRET_KEY ? createStripeProvider(config, logger) : undefined;
  const test = stripe || config.NODE_ENV === 'production' ? undefined : createTestProvider();
  const byName: Partial<Record<PaymentProviderName, PaymentProvider>> = { stripe, test };
  return {
    defaultName: stripe ? 'stripe' : test ? 'test' : undefined,
    get: (name) => byName[name],
    test,
  };
}

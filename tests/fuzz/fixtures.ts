import type { NexusClient } from '@nexus/client-sdk';
import type { KnownIds } from './known-ids.js';

/**
 * The fuzzed server's settings: throttles high enough that generated logins and sign-ups reach the handlers
 * rather than all answering 429, and one trusted proxy hop so made-up X-Forwarded-For headers are read.
 */
export const FUZZ_ENV: Record<string, string> = {
  TRUST_PROXY: '1',
  REGISTER_MAX_PER_IP: '1000000',
  LOGIN_MAX_FAILURES_PER_IP: '1000000',
  LOGIN_MAX_FAILURES_PER_ACCOUNT: '1000000',
};

/**
 * What the fuzzer runs as and against: a customer and an admin (tokens), and a few rows that exist so that
 * generated ids hit something. The admin is made by `promote`, which the caller does in the database.
 */
export async function prepareFuzzTarget(
  client: () => NexusClient,
  promote: (userId: string) => Promise<void>,
): Promise<{ tokens: { customer: string; admin: string }; known: KnownIds }> {
  const stamp = `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  const password = 'correct horse battery';
  const register = async (label: string) => {
    const api = client();
    const session = await api.auth.register({
      body: { email: `${label}-${stamp}@example.com`, password, first_name: label, last_name: 'Fuzz' },
    });
    return { api, session };
  };
  const customer = await register('customer');
  const admin = await register('admin');
  await promote(admin.session.user.id);
  const adminSession = await admin.api.auth.login({ body: { email: admin.session.user.email, password } });
  const victim = await register('victim');
  const category = await admin.api.categories.create({ body: { name: `Fuzz ${stamp}` } });
  const child = await admin.api.categories.create({ body: { name: `Fuzz child ${stamp}`, parent_id: category.id } });
  const product = await admin.api.products.create({
    body: { name: `Fuzz product ${stamp}`, price: '9.99', stock: 3, category_id: child.id },
  });
  return {
    tokens: { customer: customer.session.access, admin: adminSession.access },
    known: { ids: [category.id, child.id, product.id, victim.session.user.id] },
  };
}

import type { LoginBody, User } from '@nexus/contract';
import type { Deps } from '../../deps.js';
import { findCredentialsByEmail } from '../users/users.queries.js';
import { withTransaction } from '../../database/transaction.js';
import { mergeGuestCart } from '../carts/cart-merge.js';
import { openSession } from './sessions.js';
import type { SessionClient } from '../../http/client-address.js';
import { KNOWN_ADDRESS_SECONDS, knownAddressKey, loginRules } from './throttle-rules.js';

export type LoginOutcome =
  | { ok: true; user: User; access: string; refresh: string }
  | { ok: false; code: 'invalid_credentials' | 'account_disabled' }
  | { ok: false; code: 'rate_limited'; retryAfter: number };

/**
 * A password login, throttled (see throttleRules): the attempt is reserved before the password is verified, so
 * a burst of guesses cannot overtake its own limit. A success un-counts it and remembers the address for the
 * account; an attempt that never got its verification (the server was overloaded) is taken back too.
 */
export async function attemptLogin(
  { db, config, passwords, tokens, throttle }: Deps,
  body: LoginBody,
  address: string,
  client: SessionClient,
  signal: AbortSignal,
): Promise<LoginOutcome> {
  const known = await throttle.isRemembered(knownAddressKey(body.email, address));
  const { rules, pairKey } = loginRules(config, body.email, address, { knownAddress: known });
  const reservation = await throttle.reserve(rules);
  if (!reservation.allowed) return { ok: false, code: 'rate_limited', retryAfter: reservation.retryAfter };
  let found: Awaited<ReturnType<typeof findCredentialsByEmail>>;
  let valid: boolean;
  try {
    found = await findCredentialsByEmail(db, body.email);
    // An unknown email costs one argon2 verification too, so timing does not tell which emails exist.
    valid = found
      ? await passwords.verify(found.password_hash, body.password, signal)
      : await passwords.verifyDummy(body.password, signal);
  } catch (error) {
    await throttle.release(rules).catch(() => undefined);
    throw error;
  }
  if (!found || !valid) return { ok: false, code: 'invalid_credentials' };
  await throttle.release(rules, { clear: [pairKey] });
  await throttle.remember(knownAddressKey(body.email, address), KNOWN_ADDRESS_SECONDS);
  if (!found.is_active) return { ok: false, code: 'account_disabled' };
  const { password_hash: _hash, ...user } = found;
  // The guest cart follows the customer in (the same transaction as the session).
  const session = await withTransaction(db, async (trx) => {
    await mergeGuestCart(trx, user.id, body.cart_token);
    return openSession(trx, tokens, user, client);
  });
  return { ok: true, user, ...session };
}

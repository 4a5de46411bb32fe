import { initServer } from '@ts-rest/express';
import { api } from '@nexus/contract';
import type { Deps, RouterFor } from '../../deps.js';
import { reply } from '../../http/problem.js';
import { findCredentialsByEmail, insertUser } from '../users/users.queries.js';
import { findFamilyIdByToken, revokeFamilies } from './sessions.queries.js';
import { openSession, rotateRefreshToken } from './sessions.js';
import { loginRules, registrationRules } from './throttle-rules.js';
import { clientAddress } from '../../http/client-address.js';
import { requestSignal } from '../../http/request-signal.js';
import { withTransaction } from '../../database/transaction.js';
import type { Response } from 'express';

const s = initServer();

const rotationDetail = {
  invalid_token: 'This refresh token is not recognised',
  token_expired: 'This refresh token has expired; log in again',
  token_revoked: 'This refresh token was revoked; log in again',
  token_reused: 'This refresh token was already used; every session of this login has been revoked',
  account_disabled: 'This account is deactivated',
} as const;

export function authRouter({ db, config, passwords, tokens, throttle }: Deps): RouterFor<typeof api.auth> {
  const refused = (res: Response, retryAfter: number, what: string) => {
    res.setHeader('Retry-After', String(retryAfter));
    return reply('rate_limited', `Too many ${what}; try again in ${retryAfter} s`);
  };

  return s.router(api.auth, {
    register: async ({ body, req, res }) => {
      const reservation = await throttle.reserve(registrationRules(config, clientAddress(req)));
      if (!reservation.allowed) return refused(res, reservation.retryAfter, 'registrations from this address');
      const passwordHash = await passwords.hash(body.password, requestSignal(req, res));
      const session = await withTransaction(db, async (trx) => {
        const user = await insertUser(trx, {
          email: body.email,
          password_hash: passwordHash,
          first_name: body.first_name,
          last_name: body.last_name,
        });
        return { user, ...(await openSession(trx, tokens, user)) };
      });
      return { status: 201, body: session };
    },

    login: async ({ body, req, res }) => {
      // Counted before the password is checked: a burst of guesses cannot overtake its own limit.
      const { rules, pairKey } = loginRules(config, body.email, clientAddress(req));
      const reservation = await throttle.reserve(rules);
      if (!reservation.allowed) return refused(res, reservation.retryAfter, 'failed logins');
      const found = await findCredentialsByEmail(db, body.email);
      // An unknown email costs one argon2 verification too, so timing does not tell which emails exist.
      const signal = requestSignal(req, res);
      const valid = found
        ? await passwords.verify(found.password_hash, body.password, signal)
        : await passwords.verifyDummy(body.password, signal);
      if (!found || !valid) return reply('invalid_credentials', 'The email or password is wrong');
      await throttle.release(rules, { clear: [pairKey] });
      if (!found.is_active) return reply('account_disabled', 'This account is deactivated');
      const { password_hash: _hash, ...user } = found;
      return { status: 200, body: { user, ...(await openSession(db, tokens, user)) } };
    },

    refresh: async ({ body }) => {
      const result = await rotateRefreshToken(db, tokens, body.refresh);
      if (result.ok) return { status: 200, body: result.pair };
      return reply(result.code, rotationDetail[result.code]);
    },

    logout: async ({ body }) => {
      const familyId = await findFamilyIdByToken(db, tokens.hashRefresh(body.refresh));
      if (familyId) await revokeFamilies(db, { familyId }, 'logout');
      return { status: 204, body: undefined };
    },
  });
}

import { initServer } from '@ts-rest/express';
import { api } from '@nexus/contract';
import type { Deps, RouterFor } from '../../deps.js';
import { reply } from '../../http/problem.js';
import { insertUser } from '../users/users.queries.js';
import { attemptLogin } from './login.js';
import { mergeGuestCart } from '../carts/cart-merge.js';
import { findFamilyIdByToken, revokeFamilies } from './sessions.queries.js';
import { openSession, rotateRefreshToken } from './sessions.js';
import { passwordResetRules, registrationRules } from './throttle-rules.js';
import { clientAddress, sessionClient } from '../../http/client-address.js';
import { emitEvent } from '../events/outbox.js';
import { requestPasswordReset, resetPassword } from './password-reset.js';
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

export function authRouter(deps: Deps): RouterFor<typeof api.auth> {
  const { db, config, passwords, tokens, throttle } = deps;
  const refused = (res: Response, retryAfter: number, what: string) => {
    res.setHeader('Retry-After', String(retryAfter));
    return reply('rate_limited', `Too many ${what}; try again in ${retryAfter} s`);
  };

  return s.router(api.auth, {
    register: async ({ body, req, res }) => {
      const rules = registrationRules(config, clientAddress(req));
      const reservation = await throttle.reserve(rules);
      if (!reservation.allowed) return refused(res, reservation.retryAfter, 'registrations from this address');
      let passwordHash: string;
      try {
        passwordHash = await passwords.hash(body.password, requestSignal(req));
      } catch (error) {
        // Refused before any hashing (overload, or the client left): that registration never happened.
        await throttle.release(rules).catch(() => undefined);
        throw error;
      }
      const session = await withTransaction(db, async (trx) => {
        const user = await insertUser(trx, {
          email: body.email,
          password_hash: passwordHash,
          first_name: body.first_name,
          last_name: body.last_name,
        });
        await mergeGuestCart(trx, user.id, body.cart_token);
        await emitEvent(trx, 'user.registered', user.id, { id: user.id, email: user.email });
        return { user, ...(await openSession(trx, tokens, user, sessionClient(req))) };
      });
      return { status: 201, body: session };
    },

    login: async ({ body, req, res }) => {
      const outcome = await attemptLogin(deps, body, clientAddress(req), sessionClient(req), requestSignal(req));
      if (outcome.ok)
        return { status: 200, body: { user: outcome.user, access: outcome.access, refresh: outcome.refresh } };
      if (outcome.code === 'rate_limited') return refused(res, outcome.retryAfter, 'failed logins');
      return outcome.code === 'account_disabled'
        ? reply('account_disabled', 'This account is deactivated')
        : reply('invalid_credentials', 'The email or password is wrong');
    },

    refresh: async ({ body, req }) => {
      const result = await rotateRefreshToken(db, tokens, body.refresh, sessionClient(req));
      if (result.ok) return { status: 200, body: result.pair };
      return reply(result.code, rotationDetail[result.code]);
    },

    forgotPassword: async ({ body, req, res }) => {
      const reservation = await throttle.reserve(passwordResetRules(config, body.email, clientAddress(req)));
      if (!reservation.allowed) return refused(res, reservation.retryAfter, 'password reset requests');
      // Answered first, the work done after: an existing account and an unknown one look the same, in time too.
      setImmediate(() => {
        requestPasswordReset(deps, body.email).catch((error: unknown) =>
          deps.logger.error({ err: error }, 'a password reset request failed'),
        );
      });
      return { status: 202, body: undefined };
    },

    resetPassword: async ({ body, req }) => {
      return (await resetPassword(deps, body.token, body.new_password, requestSignal(req)))
        ? { status: 204, body: undefined }
        : reply('invalid_reset_token', 'This reset link is unknown, used or expired; ask for a new one');
    },

    logout: async ({ body }) => {
      const familyId = await findFamilyIdByToken(db, tokens.hashRefresh(body.refresh));
      if (familyId) await revokeFamilies(db, { familyId }, 'logout');
      return { status: 204, body: undefined };
    },
  });
}

import { initServer } from '@ts-rest/express';
import { api } from '@nexus/contract';
import type { Deps, RouterFor } from '../../deps.js';
import { reply } from '../../http/problem.js';
import { findCredentialsByEmail, insertUser } from '../users/users.queries.js';
import { findFamilyIdByToken, revokeFamilies } from './sessions.queries.js';
import { openSession, rotateRefreshToken } from './sessions.js';
import type { ThrottleKey } from './login-throttle.js';

const s = initServer();

const rotationDetail = {
  invalid_token: 'This refresh token is not recognised',
  token_expired: 'This refresh token has expired; log in again',
  token_revoked: 'This refresh token was revoked; log in again',
  token_reused: 'This refresh token was already used; every session of this login has been revoked',
  account_disabled: 'This account is deactivated',
} as const;

export function authRouter({ db, config, passwords, tokens, throttle }: Deps): RouterFor<typeof api.auth> {
  const throttleKeys = (email: string, ip: string): ThrottleKey[] => [
    { key: `account:${email}`, limit: config.LOGIN_MAX_FAILURES_PER_ACCOUNT },
    { key: `ip:${ip}`, limit: config.LOGIN_MAX_FAILURES_PER_IP },
  ];

  return s.router(api.auth, {
    register: async ({ body }) => {
      const passwordHash = await passwords.hash(body.password);
      const session = await db.transaction().execute(async (trx) => {
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
      const keys = throttleKeys(body.email, req.ip ?? 'unknown');
      const retryAfter = await throttle.retryAfter(keys);
      if (retryAfter > 0) {
        res.setHeader('Retry-After', String(retryAfter));
        return reply('rate_limited', `Too many failed logins; try again in ${retryAfter} s`);
      }
      const found = await findCredentialsByEmail(db, body.email);
      const valid = found
        ? await passwords.verify(found.password_hash, body.password)
        : await passwords.verifyDummy(body.password);
      if (!found || !valid) {
        await throttle.recordFailure(keys);
        return reply('invalid_credentials', 'The email or password is wrong');
      }
      if (!found.is_active) return reply('account_disabled', 'This account is deactivated');
      await throttle.reset(keys[0]!.key);
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

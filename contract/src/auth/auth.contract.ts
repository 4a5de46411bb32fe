import { initContract } from '@ts-rest/core';
import { BODY_PROBLEMS, problemResponses, WRITE_PROBLEMS } from '../common/problem.js';
import { publicRoute } from '../common/route-metadata.js';
import {
  LoginBodySchema,
  RefreshBodySchema,
  RegisterBodySchema,
  SessionSchema,
  ForgotPasswordBodySchema,
  ResetPasswordBodySchema,
  TokenPairSchema,
} from './auth.schemas.js';

const c = initContract();

/** Accounts and tokens: register, log in, refresh (rotating), log out. */
export const authContract = c.router({
  register: {
    method: 'POST',
    path: '/auth/register',
    summary: 'Create a customer account',
    description:
      'Creates a `customer` account and signs it in. The email is trimmed and lower-cased; it must not be registered already (409 `email_taken`).',
    body: RegisterBodySchema,
    responses: { 201: SessionSchema, ...problemResponses(...BODY_PROBLEMS, 'email_taken', ...WRITE_PROBLEMS) },
    metadata: publicRoute,
  },
  login: {
    method: 'POST',
    path: '/auth/token',
    summary: 'Log in with email and password',
    description:
      'Answers 401 `invalid_credentials` for an unknown email or a wrong password alike. Failed attempts are throttled per account and per client address (429 `rate_limited` with `Retry-After`). A deactivated account gets 403 `account_disabled`.',
    body: LoginBodySchema,
    responses: {
      200: SessionSchema,
      ...problemResponses(
        ...WRITE_PROBLEMS,
        ...BODY_PROBLEMS,
        'invalid_credentials',
        'account_disabled',
        'rate_limited',
      ),
    },
    metadata: publicRoute,
  },
  refresh: {
    method: 'POST',
    path: '/auth/token/refresh',
    summary: 'Exchange a refresh token for a new token pair',
    description:
      'Rotation: the presented refresh token stops working and a new one is returned. Presenting an already-rotated token is treated as theft: the whole login family is revoked and the answer is 401 `token_reused`.',
    body: RefreshBodySchema,
    responses: {
      200: TokenPairSchema,
      ...problemResponses(
        ...WRITE_PROBLEMS,
        ...BODY_PROBLEMS,
        'invalid_token',
        'token_expired',
        'token_revoked',
        'token_reused',
        'account_disabled',
      ),
    },
    metadata: publicRoute,
  },
  logout: {
    method: 'POST',
    path: '/auth/logout',
    summary: 'Log out',
    description:
      'Revokes the refresh token and every token of its login family; access tokens of that login stop working too. Idempotent: an unknown or already revoked token also answers 204.',
    body: RefreshBodySchema,
    responses: { 204: c.noBody(), ...problemResponses(...BODY_PROBLEMS, ...WRITE_PROBLEMS) },
    metadata: publicRoute,
  },
  forgotPassword: {
    method: 'POST',
    path: '/auth/password/forgot',
    summary: 'Ask for a password reset e-mail',
    description:
      'Always 202, at once, whether or not the account exists: nobody learns which emails are registered. An active account is then sent an e-mail with a one-time link (valid `PASSWORD_RESET_TTL`, default 1 hour). Throttled per account and per address (429 `rate_limited` with `Retry-After`).',
    body: ForgotPasswordBodySchema,
    responses: { 202: c.noBody(), ...problemResponses(...BODY_PROBLEMS, 'rate_limited') },
    metadata: publicRoute,
  },
  resetPassword: {
    method: 'POST',
    path: '/auth/password/reset',
    summary: 'Set a new password with a reset token',
    description:
      'The token from the e-mailed link, once: the password changes and every session of the account ends (log in again). An unknown, used or expired token is 400 `invalid_reset_token`.',
    body: ResetPasswordBodySchema,
    responses: { 204: c.noBody(), ...problemResponses(...BODY_PROBLEMS, 'invalid_reset_token', ...WRITE_PROBLEMS) },
    metadata: publicRoute,
  },
});

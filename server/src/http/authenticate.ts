import type { NextFunction, Request, Response } from 'express';
import { routeAccess, type Role } from '@nexus/contract';
import type { Deps } from '../deps.js';
import { AppError } from '../errors.js';
import { findPrincipal, touchSession } from '../modules/auth/sessions.queries.js';

/** The caller of a protected route, as the database says now (not as the token said at login). */
export interface Principal {
  userId: string;
  role: Role;
  familyId: string;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      auth?: Principal;
    }
  }
}

/** The caller of an `optional` route when signed in, else undefined (a guest). */
export function optionalPrincipalOf(req: { auth?: Principal }): Principal | undefined {
  return req.auth;
}

/** The principal of a route the contract marks `user` or `admin`; authenticate() has already checked it. */
export function principalOf(req: { auth?: Principal }): Principal {
  if (!req.auth) throw new Error('principalOf() on a route without access metadata');
  return req.auth;
}

/**
 * ts-rest global middleware: enforces the `access` metadata of the matched contract route before the body is
 * validated. One indexed lookup per protected call makes deactivation, role changes and logout take effect at once.
 */
export function authenticate({ db, tokens }: Pick<Deps, 'db' | 'tokens'>) {
  return (req: Request & { tsRestRoute: { metadata?: unknown } }, _res: Response, next: NextFunction): void => {
    const access = routeAccess(req.tsRestRoute);
    if (access === 'public') return next();
    const header = req.get('Authorization');
    // A guest on an `optional` route is simply anonymous; a token, when sent, must be valid all the same.
    if (!header)
      return access === 'optional'
        ? next()
        : next(new AppError('unauthorized', 'Send Authorization: Bearer <access token>'));
    const [scheme, token] = header.split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token) {
      return next(new AppError('invalid_token', 'The Authorization header must be "Bearer <access token>"'));
    }
    void (async () => {
      const claims = tokens.verifyAccess(token);
      const found = await findPrincipal(db, claims.sub, claims.sid);
      if (!found) throw new AppError('invalid_token', 'The account of this token no longer exists');
      // Deactivation also ends every session; saying "disabled" rather than "revoked" tells the app why.
      if (!found.is_active) throw new AppError('account_disabled', 'This account is deactivated');
      if (!found.family_id || found.revoked_at) {
        throw new AppError('token_revoked', 'This session has ended; log in again');
      }
      if (access === 'admin' && found.role !== 'admin') throw new AppError('forbidden', 'This endpoint is for admins');
      if (found.stale) await touchSession(db, claims.sid);
      req.auth = { userId: found.id, role: found.role, familyId: claims.sid };
    })().then(() => next(), next);
  };
}

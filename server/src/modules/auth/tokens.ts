import { createHash, createSecretKey, randomBytes, randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { RoleSchema, type Role } from '@nexus/contract';
import { z } from 'zod';
import type { Config } from '../../config.js';
import { AppError } from '../../errors.js';

/** Claims of an access token. `sid` is the login family, so logging out also ends its access tokens. */
export interface AccessClaims {
  sub: string;
  role: Role;
  sid: string;
  jti: string;
}

type TokenConfig = Pick<Config, 'JWT_SECRET' | 'JWT_ISSUER' | 'JWT_AUDIENCE' | 'JWT_ACCESS_TTL' | 'JWT_REFRESH_TTL'>;

export interface TokenService {
  signAccess(claims: Omit<AccessClaims, 'jti'>): string;
  /** Verifies signature, issuer, audience and expiry; throws AppError `token_expired` / `invalid_token`. */
  verifyAccess(token: string): AccessClaims;
  /** A new opaque refresh token, its SHA-256 (the only thing stored) and its expiry. */
  newRefresh(): { token: string; hash: Buffer; expiresAt: Date };
  hashRefresh(token: string): Buffer;
}

const REFRESH_PREFIX = 'rt_';

const AccessClaimsSchema = z.object({
  sub: z.string().uuid(),
  sid: z.string().uuid(),
  jti: z.string().min(1),
  role: RoleSchema,
  iat: z.number().int(),
  exp: z.number().int(),
});

// Clock skew tolerated between the machines that issue and check tokens.
const SKEW_SECONDS = 60;

export function createTokenService(config: TokenConfig): TokenService {
  const hashRefresh = (token: string) => createHash('sha256').update(token).digest();
  // A key object made once: given the secret as a string, jsonwebtoken tries (and fails) to parse it as a PEM
  // public key on every verify, which cost about a tenth of the API's CPU on authenticated routes.
  const key = createSecretKey(Buffer.from(config.JWT_SECRET));
  return {
    signAccess: (claims) =>
      jwt.sign({ role: claims.role, sid: claims.sid }, key, {
        algorithm: 'HS256',
        subject: claims.sub,
        jwtid: randomUUID(),
        issuer: config.JWT_ISSUER,
        audience: config.JWT_AUDIENCE,
        expiresIn: config.JWT_ACCESS_TTL,
      }),
    verifyAccess: (token) => {
      try {
        const { header, payload } = jwt.verify(token, key, {
          algorithms: ['HS256'],
          issuer: config.JWT_ISSUER,
          audience: config.JWT_AUDIENCE,
          complete: true,
        });
        // A token we signed always has exactly these claims, a lifetime of JWT_ACCESS_TTL and no critical header
        // extensions; anything else (no expiry, a lifetime of centuries, ids that are not UUIDs) is refused here
        // rather than reaching a query.
        const claims = AccessClaimsSchema.safeParse(payload);
        const now = Date.now() / 1000;
        if (
          !claims.success ||
          'crit' in header ||
          claims.data.iat > now + SKEW_SECONDS ||
          claims.data.exp - claims.data.iat > config.JWT_ACCESS_TTL + SKEW_SECONDS
        ) {
          throw new AppError('invalid_token', 'The access token is missing required claims');
        }
        return { sub: claims.data.sub, role: claims.data.role, sid: claims.data.sid, jti: claims.data.jti };
      } catch (error) {
        if (error instanceof AppError) throw error;
        if (error instanceof jwt.TokenExpiredError)
          throw new AppError('token_expired', 'The access token has expired; refresh it');
        throw new AppError('invalid_token', 'The access token is malformed or its signature is invalid');
      }
    },
    newRefresh: () => {
      const token = REFRESH_PREFIX + randomBytes(32).toString('base64url');
      return { token, hash: hashRefresh(token), expiresAt: new Date(Date.now() + config.JWT_REFRESH_TTL * 1000) };
    },
    hashRefresh,
  };
}

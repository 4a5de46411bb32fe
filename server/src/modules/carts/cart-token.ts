import { createHash, randomBytes } from 'node:crypto';

const PREFIX = 'ct_';

/** A new guest cart token: 256 random bits, unguessable. Only its SHA-256 is stored. */
export function newCartToken(): { token: string; hash: Buffer } {
  const token = PREFIX + randomBytes(32).toString('base64url');
  return { token, hash: hashCartToken(token) };
}

export const hashCartToken = (token: string): Buffer => createHash('sha256').update(token).digest();

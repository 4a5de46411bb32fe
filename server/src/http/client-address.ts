import type { Request } from 'express';

/** The caller's address as throttles and rate limits key it: Express' `req.ip`, which honours TRUST_PROXY. */
export function clientAddress(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
}

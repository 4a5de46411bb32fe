import type { Request, RequestHandler } from 'express';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** Aborts when the client goes away before its response is complete. */
      clientGone: AbortSignal;
    }
  }
}

/**
 * First in the chain, so no close can happen unobserved: `req.clientGone` aborts when the client closes the
 * connection (or the server cuts it at the end of a shutdown) before the response is complete, so work queued
 * for it (a heavy-query slot, an argon2 verification) can be dropped instead of done for nobody.
 */
export function watchClient(): RequestHandler {
  return (req, res, next) => {
    const controller = new AbortController();
    res.once('close', () => {
      if (!res.writableFinished) controller.abort();
    });
    req.clientGone = controller.signal;
    next();
  };
}

/** The request's client-gone signal (see watchClient). */
export const requestSignal = (req: Request): AbortSignal => req.clientGone;

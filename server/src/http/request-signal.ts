import type { Request, Response } from 'express';

const signals = new WeakMap<Request, AbortSignal>();

/**
 * Aborts when the client goes away before its response is complete (it closed the connection, or the server
 * is cutting connections at the end of a shutdown), so queued work for it can be dropped.
 */
export function requestSignal(req: Request, res: Response): AbortSignal {
  let signal = signals.get(req);
  if (!signal) {
    const controller = new AbortController();
    res.once('close', () => {
      if (!res.writableFinished) controller.abort();
    });
    signal = controller.signal;
    signals.set(req, signal);
  }
  return signal;
}

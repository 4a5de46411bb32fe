import type { NextFunction, Request, Response } from 'express';
import { isHeavyRoute } from '@nexus/contract';
import type { Config } from '../config.js';
import { createConcurrencyLimit } from '../lib/concurrency-limit.js';
import type { RoutedRequest } from './request-input.js';
import { requestSignal } from './request-signal.js';

/**
 * ts-rest global middleware: routes the contract marks `cost: 'heavy'` share DATABASE_HEAVY_MAX slots per process
 * (a third of the pool by default); at most DATABASE_POOL_QUEUE more wait, each at most DATABASE_POOL_WAIT, and the
 * rest are refused at once with 503 and Retry-After. It runs before the response cache, so a flood of heavy reads
 * is turned away before it costs even a version read, and product details, writes and health checks keep their
 * connections. (A cache hit holds its slot for the millisecond it takes.)
 */
export function shedHeavyLoad(
  config: Pick<Config, 'DATABASE_POOL_MAX' | 'DATABASE_HEAVY_MAX' | 'DATABASE_POOL_QUEUE' | 'DATABASE_POOL_WAIT'>,
) {
  const slots = config.DATABASE_HEAVY_MAX ?? Math.max(1, Math.floor(config.DATABASE_POOL_MAX / 3));
  const heavy = createConcurrencyLimit({
    concurrency: slots,
    maxQueue: config.DATABASE_POOL_QUEUE,
    maxWaitMs: config.DATABASE_POOL_WAIT * 1000,
    what: 'searches',
  });
  return (req: Request, res: Response, next: NextFunction): void => {
    if (!isHeavyRoute((req as RoutedRequest).tsRestRoute)) return next();
    // The slot is held until the response closes, however it ends. A client that leaves while queued leaves
    // the queue; one that left just as its slot came hands it straight back.
    const signal = requestSignal(req);
    heavy.acquire(signal).then((release) => {
      if (signal.aborted) return release();
      res.once('close', release);
      next();
    }, next);
  };
}

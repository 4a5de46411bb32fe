import type { NextFunction, Request, Response } from 'express';
import { isHeavyRoute } from '@nexus/contract';
import type { Config } from '../config.js';
import { createConcurrencyLimit } from '../lib/concurrency-limit.js';
import type { RoutedRequest } from './request-input.js';

/**
 * ts-rest global middleware: routes the contract marks `cost: 'heavy'` share DATABASE_HEAVY_MAX slots per
 * process (a third of the pool by default), so a flood of searches queues briefly and is then shed with 503
 * while product details, writes and health checks still find a free connection.
 */
export function shedHeavyLoad(config: Pick<Config, 'DATABASE_POOL_MAX' | 'DATABASE_HEAVY_MAX' | 'DATABASE_POOL_WAIT'>) {
  const slots = config.DATABASE_HEAVY_MAX ?? Math.max(1, Math.floor(config.DATABASE_POOL_MAX / 3));
  const heavy = createConcurrencyLimit({
    concurrency: slots,
    maxQueue: slots * 4,
    maxWaitMs: config.DATABASE_POOL_WAIT * 1000,
    what: 'searches',
  });
  return (req: Request, res: Response, next: NextFunction): void => {
    if (!isHeavyRoute((req as RoutedRequest).tsRestRoute)) return next();
    heavy.acquire().then((release) => {
      res.once('close', release);
      next();
    }, next);
  };
}

import type { RequestHandler } from 'express';
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { AppError } from '../errors.js';
import { clientAddress } from './client-address.js';

// The live stock stream's path, relative to /api/v1 (where this middleware is mounted).
const LIVE_STREAM = /^\/products\/[^/]+\/stock\/events\/?$/;

/**
 * The general limits per client address over every /api/v1 route. At most RATE_LIMIT_CONCURRENCY requests in
 * flight at once (per process): a burst from one client is answered 429 at once instead of queueing for the
 * pool ahead of everyone else. And RATE_LIMIT requests per RATE_LIMIT_WINDOW, shared through Redis when
 * REDIS_URL is set (with an in-process fallback should Redis fail), else per process. Every answer says where
 * the caller stands in the budget, in the IETF `RateLimit-*` headers and the older `X-RateLimit-*` ones; past
 * either limit the answer is 429 `rate_limited` with `Retry-After`.
 */
export function rateLimit({
  config,
  redis,
  logger,
}: {
  config: Pick<Config, 'RATE_LIMIT' | 'RATE_LIMIT_WINDOW' | 'RATE_LIMIT_CONCURRENCY' | 'REDIS_KEY_PREFIX'>;
  redis?: Redis;
  logger: Logger;
}): RequestHandler {
  const budget = requestBudget(config, redis, logger);
  const inFlight = new Map<string, number>();
  return (req, res, next) => {
    const address = clientAddress(req);
    // A live stock stream stays open for as long as its tab does; the stock hub bounds those (per process and per
    // address), so they do not count as requests in flight.
    if (config.RATE_LIMIT_CONCURRENCY > 0 && !LIVE_STREAM.test(req.path)) {
      const running = inFlight.get(address) ?? 0;
      if (running >= config.RATE_LIMIT_CONCURRENCY) {
        return next(
          new AppError(
            'rate_limited',
            `Over ${config.RATE_LIMIT_CONCURRENCY} requests at once from this address`,
            undefined,
            {
              'Retry-After': '1',
            },
          ),
        );
      }
      inFlight.set(address, running + 1);
      res.once('close', () => {
        const left = (inFlight.get(address) ?? 1) - 1;
        if (left > 0) inFlight.set(address, left);
        else inFlight.delete(address);
      });
    }
    budget(address, req, res, next);
  };
}

function requestBudget(
  config: Pick<Config, 'RATE_LIMIT' | 'RATE_LIMIT_WINDOW' | 'REDIS_KEY_PREFIX'>,
  redis: Redis | undefined,
  logger: Logger,
): (address: string, ...args: Parameters<RequestHandler>) => void {
  const limit = config.RATE_LIMIT;
  const duration = Math.max(1, Math.round(config.RATE_LIMIT_WINDOW));
  if (limit === 0) return (_address, _req, _res, next) => next();
  const memory = new RateLimiterMemory({ points: limit, duration });
  const limiter: RateLimiterAbstract = redis
    ? new RateLimiterRedis({
        storeClient: redis,
        keyPrefix: `${config.REDIS_KEY_PREFIX}rate`,
        points: limit,
        duration,
        insuranceLimiter: memory,
      })
    : memory;

  return (address, _req, res, next) => {
    const describe = (state: RateLimiterRes) => {
      const reset = Math.max(1, Math.ceil(state.msBeforeNext / 1000));
      const remaining = Math.max(0, state.remainingPoints);
      res.setHeader('RateLimit-Policy', `${limit};w=${duration}`);
      res.setHeader('RateLimit-Limit', String(limit));
      res.setHeader('RateLimit-Remaining', String(remaining));
      res.setHeader('RateLimit-Reset', String(reset));
      res.setHeader('X-RateLimit-Limit', String(limit));
      res.setHeader('X-RateLimit-Remaining', String(remaining));
      res.setHeader('X-RateLimit-Reset', String(Math.ceil((Date.now() + state.msBeforeNext) / 1000)));
      return reset;
    };
    limiter.consume(address).then(
      (state) => {
        describe(state);
        next();
      },
      (rejection: unknown) => {
        if (rejection instanceof RateLimiterRes) {
          const retryAfter = String(describe(rejection));
          return next(
            new AppError('rate_limited', `Over ${limit} requests in ${duration} s from this address`, undefined, {
              'Retry-After': retryAfter,
            }),
          );
        }
        // The store failed and so did its fallback: serve rather than refuse everyone.
        logger.warn({ err: rejection }, 'rate limiter unavailable');
        next();
      },
    );
  };
}

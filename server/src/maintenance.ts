import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { DB } from '@nexus/db';
import type { Config } from './config.js';
import { deleteStaleGuestCarts } from './modules/carts/carts.queries.js';
import { deleteExpiredIdempotencyKeys } from './modules/idempotency/idempotency.js';

const EVERY_MS = 10 * 60 * 1000;

/**
 * Housekeeping every ten minutes, in every server process (each sweep deletes in batches with
 * `for update skip locked`, so processes never wait on one another): guest carts past GUEST_CART_TTL and
 * idempotency answers past their 24 hours. Background jobs proper arrive with the job queue.
 */
export async function sweepOnce(
  db: Kysely<DB>,
  config: Pick<Config, 'GUEST_CART_TTL'>,
): Promise<{ carts: number; idempotencyKeys: number }> {
  return {
    carts: await deleteStaleGuestCarts(db, config.GUEST_CART_TTL),
    idempotencyKeys: await deleteExpiredIdempotencyKeys(db),
  };
}

export function startMaintenance(db: Kysely<DB>, config: Config, logger: Logger): () => void {
  const timer = setInterval(() => {
    sweepOnce(db, config).then(
      (swept) => {
        if (swept.carts || swept.idempotencyKeys) logger.info(swept, 'swept expired carts and idempotency keys');
      },
      (error: unknown) => logger.warn({ err: error }, 'maintenance sweep failed'),
    );
  }, EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}

import { sql } from 'kysely';
import type { DeliveryStats } from '@nexus/contract';
import type { Db } from '../../database/transaction.js';

type Counts = { pending: number; failed: number; dead: number };

/**
 * What waits and what fails in background delivery, in one round trip. Each count is served by a partial or status
 * index the relay and the logs already need; the sent, stored and succeeded rows (the bulk) are never counted.
 */
export async function readDeliveryStats(db: Db): Promise<DeliveryStats> {
  const { rows } = await sql<{ undispatched: string; oldest: string | null; mail: Counts; webhooks: Counts }>`
    select (select count(*) from events where dispatched_at is null) as undispatched,
           (select min(occurred_at) from events where dispatched_at is null) as oldest,
           (select json_build_object('pending', count(*) filter (where status = 'pending'),
                                     'failed', count(*) filter (where status = 'failed'),
                                     'dead', count(*) filter (where status = 'dead'))
              from mail where status in ('pending', 'failed', 'dead')) as mail,
           (select json_build_object('pending', count(*) filter (where status = 'pending'),
                                     'failed', count(*) filter (where status = 'failed'),
                                     'dead', count(*) filter (where status = 'dead'))
              from webhook_deliveries where status in ('pending', 'failed', 'dead')) as webhooks`.execute(db);
  const row = rows[0]!;
  return {
    events: {
      undispatched: Number(row.undispatched),
      oldest_undispatched_at: row.oldest ? new Date(row.oldest).toISOString() : null,
    },
    mail: row.mail,
    webhooks: row.webhooks,
  };
}

import { sql } from 'kysely';
import { initServer } from '@ts-rest/express';
import { api } from '@nexus/contract';
import type { Deps, RouterFor } from '../../deps.js';

const s = initServer();

type Counts = { pending: number; failed: number; dead: number };

export function deliveriesRouter({ db }: Deps): RouterFor<typeof api.deliveries> {
  return s.router(api.deliveries, {
    // Each count is served by a partial or status index the relay and the logs already need; the sent,
    // stored and succeeded rows (the bulk) are never counted.
    stats: async () => {
      const { rows } = await sql<{
        undispatched: string;
        oldest: string | null;
        mail: Counts;
        webhooks: Counts;
      }>`
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
        status: 200,
        body: {
          events: {
            undispatched: Number(row.undispatched),
            oldest_undispatched_at: row.oldest ? new Date(row.oldest).toISOString() : null,
          },
          mail: row.mail,
          webhooks: row.webhooks,
        },
      };
    },
  });
}

import { initServer } from '@ts-rest/express';
import { api } from '@nexus/contract';
import type { Deps, RouterFor } from '../../deps.js';
import { readDeliveryStats } from './deliveries.queries.js';

const s = initServer();

export function deliveriesRouter({ db }: Deps): RouterFor<typeof api.deliveries> {
  return s.router(api.deliveries, {
    stats: async () => ({ status: 200, body: await readDeliveryStats(db) }),
  });
}

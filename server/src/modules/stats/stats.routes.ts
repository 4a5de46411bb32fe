import { initServer } from '@ts-rest/express';
import { api } from '@nexus/contract';
import type { Deps, RouterFor } from '../../deps.js';
import { dailySales, listLowStock } from './stats.queries.js';

const s = initServer();

export function statsRouter({ db, config }: Deps): RouterFor<typeof api.stats> {
  return s.router(api.stats, {
    overview: async ({ query }) => {
      const [days, lowStock] = await Promise.all([dailySales(db, query.days), listLowStock(db, query.low_stock_below)]);
      const { orders, revenue } = days.at(-1)!;
      return {
        status: 200,
        body: { currency: config.STORE_CURRENCY, today: { orders, revenue }, days, low_stock: lowStock },
      };
    },
  });
}

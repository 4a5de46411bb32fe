import { initContract } from '@ts-rest/core';
import { ADMIN_PROBLEMS, problemResponses } from '../common/problem.js';
import { adminRoute } from '../common/route-metadata.js';
import { StatsQuerySchema, StoreStatsSchema } from './stats.schemas.js';

const c = initContract();

/** The admin dashboard's overview of sales and stock. */
export const statsContract = c.router({
  overview: {
    method: 'GET',
    path: '/admin/stats',
    summary: 'Sales and low stock at a glance (admin)',
    description: [
      'Orders placed per UTC day (any status) and their revenue (the exact sum of `total` of those paid, shipped or delivered; pending and cancelled orders earn nothing), for the last `days` days ending today, zero-filled.',
      'Then at most 10 variants with stock below `low_stock_below`, lowest first, ties by SKU.',
    ].join('\n\n'),
    query: StatsQuerySchema,
    responses: { 200: StoreStatsSchema, ...problemResponses(...ADMIN_PROBLEMS, 'validation_failed') },
    metadata: adminRoute,
  },
});

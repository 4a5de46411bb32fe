import { initContract } from '@ts-rest/core';
import { z } from 'zod';
import { extendApi } from '../common/openapi-meta.js';
import { ADMIN_PROBLEMS, problemResponses } from '../common/problem.js';
import { adminRoute } from '../common/route-metadata.js';
import { TimestampSchema } from '../common/timestamp.js';

const counts = z.object({
  pending: z.number().int().describe('Waiting for their first attempt, or for the worker'),
  failed: z.number().int().describe('Failed at least once, still retried'),
  dead: z.number().int().describe('Out of attempts: needs a person'),
});

/** How background delivery is doing: what waits, what fails, what is dead. */
export const DeliveryStatsSchema = extendApi(
  z.object({
    events: z.object({
      undispatched: z
        .number()
        .int()
        .describe('Written, not yet handed on by a worker: a growing number means no worker runs'),
      oldest_undispatched_at: TimestampSchema.nullable(),
    }),
    mail: counts,
    webhooks: counts,
  }),
  {
    title: 'DeliveryStats',
    example: {
      events: { undispatched: 0, oldest_undispatched_at: null },
      mail: { pending: 0, failed: 1, dead: 0 },
      webhooks: { pending: 2, failed: 0, dead: 1 },
    },
  },
);
export type DeliveryStats = z.infer<typeof DeliveryStatsSchema>;

export const deliveriesContract = initContract().router({
  stats: {
    method: 'GET',
    path: '/admin/deliveries',
    summary: 'Backlog and failures of background delivery (admin)',
    description:
      'Events not yet handed on (and since when), and e-mails and webhook deliveries by state. Dead ones are listed in `GET /admin/mail` and `GET /webhooks/{id}/deliveries`.',
    responses: { 200: DeliveryStatsSchema, ...problemResponses(...ADMIN_PROBLEMS) },
    metadata: adminRoute,
  },
});

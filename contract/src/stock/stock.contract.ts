import { initContract } from '@ts-rest/core';
import { z } from 'zod';
import { problemResponses } from '../common/problem.js';
import { publicRoute } from '../common/route-metadata.js';

const c = initContract();

/** Live stock: a Server-Sent Events stream per product (the SDK's `products.watchStock` reads it). */
export const stockContract = c.router({
  events: {
    method: 'GET',
    path: '/products/:id/stock/events',
    summary: 'Watch a product’s stock (Server-Sent Events)',
    description: [
      '`text/event-stream`: first a `stock` event per variant with its current stock, then one `stock` event `{product_id, variant_id, stock}` each time a variant’s stock changes, from any server process (PostgreSQL LISTEN/NOTIFY), and a comment line every 15 s to keep proxies from closing it. Public, like the catalogue.',
      'An unknown product is 404. Each process holds at most `SSE_MAX_SUBSCRIBERS` streams, and 10 per address: past that, 503 `service_unavailable` with `Retry-After`.',
    ].join('\n\n'),
    pathParams: z.object({ id: z.string().uuid() }),
    responses: {
      200: c.otherResponse({
        contentType: 'text/event-stream',
        body: z.string().describe('event: stock\\ndata: {"product_id":"…","variant_id":"…","stock":7}\\n\\n'),
      }),
      ...problemResponses('not_found', 'service_unavailable'),
    },
    metadata: publicRoute,
  },
});

import { PassThrough } from 'node:stream';
import { initServer } from '@ts-rest/express';
import { api } from '@nexus/contract';
import type { Deps, RouterFor } from '../../deps.js';
import { clientAddress } from '../../http/client-address.js';
import { reply } from '../../http/problem.js';

const s = initServer();

/** A comment line this often keeps proxies and load balancers from closing an idle stream. */
export const HEARTBEAT_MS = 15_000;

export function stockRouter({ db, stock }: Deps): RouterFor<typeof api.stock> {
  return s.router(api.stock, {
    events: async ({ req, res, params }) => {
      const variants = await db
        .selectFrom('product_variants')
        .select(['product_id', 'id as variant_id', 'stock'])
        .where('product_id', '=', params.id)
        .orderBy('id')
        .execute();
      if (!variants.length) return reply('not_found', `No product ${params.id}`);
      if (!stock) return reply('service_unavailable', 'Live stock is not available on this server');

      const stream = new PassThrough();
      const send = (level: object) => stream.write(`event: stock\ndata: ${JSON.stringify(level)}\n\n`);
      const unsubscribe = stock.subscribe(params.id, clientAddress(req), send, () => stream.end());
      if (unsubscribe === 'full') {
        res.setHeader('Retry-After', '5');
        return reply('service_unavailable', 'Too many live streams at once; retry shortly');
      }
      const heartbeat = setInterval(() => stream.write(': keep-alive\n\n'), HEARTBEAT_MS);
      const end = () => {
        clearInterval(heartbeat);
        unsubscribe();
      };
      req.once('close', end);
      stream.once('close', end);

      res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
      res.setHeader('Cache-Control', 'no-cache, no-transform');
      // nginx and friends would otherwise buffer the stream.
      res.setHeader('X-Accel-Buffering', 'no');
      stream.write('retry: 3000\n\n');
      for (const variant of variants) send(variant);
      // ts-rest pipes a stream body as it is (no response validation applies to a stream).
      return { status: 200, body: stream as unknown as string };
    },
  });
}

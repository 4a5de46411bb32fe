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
      if (!stock) return reply('service_unavailable', 'Live stock is not available on this server');
      // Registered first: a client gone while the snapshot is read must not leave a subscription behind.
      let gone = false;
      res.once('close', () => void (gone = true));
      const stream = new PassThrough();
      const send = (level: object) => {
        if (!stream.writableEnded) stream.write(`event: stock\ndata: ${JSON.stringify(level)}\n\n`);
      };
      let heartbeat: NodeJS.Timeout | undefined = undefined;
      const finish = () => {
        clearInterval(heartbeat);
        if (!stream.writableEnded) stream.end();
      };
      // Subscribed (and LISTENing) before the snapshot is read: a change in between is sent, never lost.
      const unsubscribe = await stock.subscribe(params.id, clientAddress(req), send, finish);
      if (unsubscribe === 'full' || unsubscribe === 'unavailable') {
        res.setHeader('Retry-After', '5');
        return reply(
          'service_unavailable',
          unsubscribe === 'full'
            ? 'Too many live streams at once; retry shortly'
            : 'Live stock is unavailable right now',
        );
      }
      const end = () => {
        unsubscribe();
        finish();
      };
      res.once('close', end);
      stream.on('error', end);
      const variants = await db
        .selectFrom('product_variants')
        .select(['product_id', 'id as variant_id', 'stock'])
        .where('product_id', '=', params.id)
        .orderBy('id')
        .execute()
        .catch((error: unknown) => {
          end();
          throw error;
        });
      if (gone || !variants.length) {
        end();
        return gone ? { status: 200, body: '' } : reply('not_found', `No product ${params.id}`);
      }
      heartbeat = setInterval(() => {
        if (!stream.writableEnded) stream.write(': keep-alive\n\n');
      }, HEARTBEAT_MS);

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

import { sql } from 'kysely';
import type { EventType, NexusEvent, OrderEvent } from '@nexus/contract';
import type { Db } from '../../database/transaction.js';

/** Events by id, as they travel (`{id, type, occurred_at, data}`), in the order they were written. */
export function findEvents(db: Db, ids: string[]): Promise<NexusEvent[]> {
  if (!ids.length) return Promise.resolve([]);
  return db
    .selectFrom('events')
    .select(['id', sql<EventType>`type`.as('type'), 'occurred_at', sql<Record<string, unknown>>`data`.as('data')])
    .where('id', 'in', ids)
    .orderBy('seq')
    .execute();
}

/** An order's history: its own events and its payments', in the order they were written (`events_resource_idx`). */
export function listOrderEvents(db: Db, orderId: string): Promise<OrderEvent[]> {
  return db
    .selectFrom('events')
    .select(['id', sql<EventType>`type`.as('type'), 'occurred_at'])
    .where((eb) =>
      eb.or([
        eb('resource_id', '=', orderId),
        eb('resource_id', 'in', eb.selectFrom('payments').select('id').where('order_id', '=', orderId)),
      ]),
    )
    .orderBy('seq')
    .execute();
}

import type { Transaction } from 'kysely';
import type { EventData, EventType } from '@nexus/contract';
import type { DB } from '@nexus/db';

/**
 * Writes an event into the outbox, inside the transaction of the change it reports: committed together, or not
 * at all. `resourceId` names what it is about (the order, payment, product or user), for per-resource order.
 * Taking a Transaction (not a pool) is the point: an event can only be emitted where a transaction is open.
 * Answers the event's id.
 */
export async function emitEvent<T extends EventType>(
  trx: Transaction<DB>,
  type: T,
  resourceId: string,
  data: EventData[T],
): Promise<string> {
  const { id } = await trx
    .insertInto('events')
    .values({ type, resource_id: resourceId, data: JSON.stringify(data) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

import { sql } from 'kysely';
import type { EventType, NexusEvent } from '@nexus/contract';
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

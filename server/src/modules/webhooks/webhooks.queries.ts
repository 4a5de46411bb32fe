import { sql } from 'kysely';
import type { EventType, PageQuery, UpdateWebhookBody, Webhook, WebhookDelivery } from '@nexus/contract';
import type { Db } from '../../database/transaction.js';

function selectWebhooks(db: Db) {
  return db
    .selectFrom('webhooks')
    .select(['id', 'url', sql<EventType[]>`events`.as('events'), 'description', 'secret', 'is_active', 'created_at']);
}

export async function insertWebhook(
  db: Db,
  webhook: { url: string; events: EventType[]; description: string; secret: string },
): Promise<Webhook> {
  const { id } = await db.insertInto('webhooks').values(webhook).returning('id').executeTakeFirstOrThrow();
  return (await findWebhookById(db, id))!;
}

export async function listWebhooks(db: Db, query: PageQuery): Promise<{ count: number; rows: Webhook[] }> {
  const [rows, total] = await Promise.all([
    selectWebhooks(db)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(query.page_size)
      .offset((query.page - 1) * query.page_size)
      .execute(),
    db
      .selectFrom('webhooks')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow(),
  ]);
  return { count: Number(total.count), rows };
}

export function findWebhookById(db: Db, id: string): Promise<Webhook | undefined> {
  return selectWebhooks(db).where('id', '=', id).executeTakeFirst();
}

export async function updateWebhook(db: Db, id: string, changes: UpdateWebhookBody): Promise<Webhook | undefined> {
  if (Object.keys(changes).length) await db.updateTable('webhooks').set(changes).where('id', '=', id).execute();
  return findWebhookById(db, id);
}

export async function deleteWebhook(db: Db, id: string): Promise<boolean> {
  const deleted = await db.deleteFrom('webhooks').where('id', '=', id).returning('id').executeTakeFirst();
  return deleted !== undefined;
}

export function webhookExists(db: Db, id: string) {
  return db.selectFrom('webhooks').select('id').where('id', '=', id).executeTakeFirst();
}

/** A webhook's deliveries newest first: `webhook_deliveries_webhook_seq_idx`. */
export async function listDeliveries(
  db: Db,
  webhookId: string,
  query: PageQuery,
): Promise<{ count: number; rows: WebhookDelivery[] }> {
  const [rows, total] = await Promise.all([
    db
      .selectFrom('webhook_deliveries')
      .select([
        'id',
        'event_id',
        sql<EventType>`event_type`.as('event_type'),
        sql<WebhookDelivery['status']>`status`.as('status'),
        'attempts',
        'response_status',
        'last_error',
        'next_attempt_at',
        'created_at',
      ])
      .where('webhook_id', '=', webhookId)
      .orderBy('seq', 'desc')
      .limit(query.page_size)
      .offset((query.page - 1) * query.page_size)
      .execute(),
    db
      .selectFrom('webhook_deliveries')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('webhook_id', '=', webhookId)
      .executeTakeFirstOrThrow(),
  ]);
  return { count: Number(total.count), rows };
}

/**
 * Gives a dead delivery a fresh round of attempts: pending and unqueued again, so the relay queues it.
 * Answers the delivery's status before, or undefined when this webhook has no such delivery.
 */
export async function retryDelivery(db: Db, webhookId: string, deliveryId: string) {
  const current = await db
    .selectFrom('webhook_deliveries')
    .select(['status'])
    .where('id', '=', deliveryId)
    .where('webhook_id', '=', webhookId)
    .executeTakeFirst();
  if (!current) return undefined;
  const retried = await db
    .updateTable('webhook_deliveries')
    .set({ status: 'pending', queued_at: null, next_attempt_at: null })
    .where('id', '=', deliveryId)
    // A failed one still has its job, retrying with back-off: a second job would send it twice.
    .where('status', '=', 'dead')
    .returning('id')
    .executeTakeFirst();
  return { retried: retried !== undefined, status: current.status };
}

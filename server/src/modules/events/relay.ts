import { CompiledQuery, sql, type Transaction } from 'kysely';
import type PgBoss from 'pg-boss';
import type { EventData, EventType } from '@nexus/contract';
import type { DB } from '@nexus/db';
import type { Deps } from '../../deps.js';
import { withTransaction } from '../../database/transaction.js';
import { mailFor } from '../mail/mail-templates.js';
import { fileMail, storeUnqueuedMail } from '../mail/mail.queries.js';

/** The job queues the worker serves. */
export const QUEUES = { mail: 'mail.send', webhook: 'webhook.deliver', amqp: 'amqp.publish' } as const;

/** pg-boss writing its jobs through our transaction: the job exists exactly when the transaction commits. */
function throughTransaction(trx: Transaction<DB>): PgBoss.Db {
  return {
    executeSql: async (text, values) => ({
      rows: (await trx.executeQuery(CompiledQuery.raw(text, values))).rows as unknown[],
    }),
  } as PgBoss.Db;
}

/** Who an event's e-mail goes to: the order's customer, or the user it is about. */
async function recipientOf(
  trx: Transaction<DB>,
  type: EventType,
  data: Record<string, unknown>,
): Promise<string | undefined> {
  if (type === 'user.registered' || type === 'user.password_reset_requested') return data.email as string;
  if (!type.startsWith('order.') || !data.user_id) return undefined;
  const user = await trx
    .selectFrom('users')
    .select('email')
    .where('id', '=', data.user_id as string)
    .executeTakeFirst();
  return user?.email;
}

/**
 * Gives every pending row of `table` without a job one, through the transaction: mail just filed or filed by a
 * request itself (a password reset's, which carries a secret no event may), webhook deliveries new or retried.
 */
async function queueUnqueued(
  trx: Transaction<DB>,
  queue: Pick<PgBoss, 'send'>,
  table: 'mail' | 'webhook_deliveries',
  job: (id: string) => [name: string, data: object],
  batch: number,
): Promise<number> {
  const rows = await trx
    .selectFrom(table)
    .select('id')
    .where('status', '=', 'pending')
    .where('queued_at', 'is', null)
    .orderBy('seq')
    .limit(batch)
    .forUpdate()
    .skipLocked()
    .execute();
  for (const { id } of rows) await queue.send(...job(id), { db: throughTransaction(trx) });
  if (rows.length) {
    await trx
      .updateTable(table)
      .set({ queued_at: new Date().toISOString() })
      .where(
        'id',
        'in',
        rows.map((row) => row.id),
      )
      .execute();
  }
  return rows.length;
}

/**
 * Hands up to `batch` undispatched events on, in one transaction: each event's e-mail is filed, a delivery is
 * written for every active webhook subscribed to its type, the event is marked dispatched, and every pending
 * delivery without a job gets one (pg-boss writing it through the same transaction). Events are claimed with
 * `skip locked`, so several workers relay side by side and never take the same event; a worker dying mid-batch
 * rolls back, and the events are relayed again: at least once, and the (event, kind) key of a mail and the
 * (webhook, event) key of a delivery make each one delivery. Answers how many rows it handed on.
 */
export async function relayEvents(
  deps: Pick<Deps, 'db' | 'config'>,
  queue: Pick<PgBoss, 'send'>,
  batch = 100,
): Promise<number> {
  const viaSmtp = Boolean(deps.config.SMTP_URL);
  return withTransaction(deps.db, async (trx) => {
    const events = await trx
      .selectFrom('events')
      .select(['id', 'seq', 'type', 'data'])
      .where('dispatched_at', 'is', null)
      .orderBy('seq')
      .limit(batch)
      .forUpdate()
      .skipLocked()
      .execute();
    for (const event of events) {
      if (deps.config.AMQP_URL) {
        await queue.send(QUEUES.amqp, { event_id: event.id }, { db: throughTransaction(trx) });
      }
      const type = event.type as EventType;
      const data = event.data as Record<string, unknown>;
      const mail = mailFor(type, data as unknown as EventData[EventType], deps.config);
      const to = mail && (await recipientOf(trx, type, data));
      if (mail && to) await fileMail(trx, { ...mail, eventId: event.id, to }, viaSmtp);
      await sql`
        insert into webhook_deliveries (webhook_id, event_id, event_type)
        select w.id, ${event.id}, ${type} from webhooks w where w.is_active and w.events @> array[${type}]::text[]
        on conflict (webhook_id, event_id) do nothing`.execute(trx);
    }
    if (events.length) {
      await trx
        .updateTable('events')
        .set({ dispatched_at: new Date().toISOString() })
        .where(
          'id',
          'in',
          events.map((event) => event.id),
        )
        .execute();
    }
    const mails = viaSmtp
      ? await queueUnqueued(trx, queue, 'mail', (id) => [QUEUES.mail, { mail_id: id }], batch)
      : await storeUnqueuedMail(trx, batch);
    const deliveries = await queueUnqueued(
      trx,
      queue,
      'webhook_deliveries',
      (id) => [QUEUES.webhook, { delivery_id: id }],
      batch,
    );
    return events.length + mails + deliveries;
  });
}

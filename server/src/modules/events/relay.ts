import { CompiledQuery, sql, type Transaction } from 'kysely';
import type PgBoss from 'pg-boss';
import type { EventData, EventType } from '@nexus/contract';
import type { DB } from '@nexus/db';
import type { Deps } from '../../deps.js';
import { withTransaction } from '../../database/transaction.js';
import { mailFor } from '../mail/mail-templates.js';
import { fileMail, storeUnqueuedMail } from '../mail/mail.queries.js';

/** The job queues the worker serves. */
export const QUEUES = {
  mail: 'mail.send',
  webhook: 'webhook.deliver',
  amqp: 'amqp.publish',
  thumbnails: 'image.thumbnails',
} as const;

/** What the relay needs of the job queue: writing a batch of jobs. */
export type JobWriter = Pick<PgBoss, 'insert'>;

/** pg-boss writing its jobs through our transaction: the job exists exactly when the transaction commits. */
function throughTransaction(trx: Transaction<DB>): PgBoss.Db {
  return {
    executeSql: async (text, values) => ({
      rows: (await trx.executeQuery(CompiledQuery.raw(text, values))).rows as unknown[],
    }),
  } as PgBoss.Db;
}

/** The e-mail addresses of the customers of a batch's order events, in one query. */
async function customerEmails(trx: Transaction<DB>, userIds: string[]): Promise<Map<string, string>> {
  if (!userIds.length) return new Map();
  const users = await trx.selectFrom('users').select(['id', 'email']).where('id', 'in', userIds).execute();
  return new Map(users.map((user) => [user.id, user.email]));
}

/**
 * Rows of `table` still pending without a job, claimed (`skip locked`) and marked queued: mail just filed or filed
 * by a request itself (a password reset's, which carries a secret no event may), webhook deliveries new or
 * retried by an admin, images waiting for their thumbnails. Answers their ids; the caller writes their jobs in the same transaction.
 */
async function claimUnqueued(
  trx: Transaction<DB>,
  table: 'mail' | 'webhook_deliveries' | 'product_images',
  batch: number,
) {
  const { rows } = await sql<{ id: string }>`
    update ${sql.table(table)} set queued_at = now()
     where id in (select id from ${sql.table(table)} where status = 'pending' and queued_at is null
                   order by seq limit ${batch} for update skip locked)
    returning id`.execute(trx);
  return rows.map((row) => row.id);
}

/**
 * Hands up to `batch` undispatched events on, in one transaction: each event's e-mail is filed, a delivery is
 * written for every active webhook subscribed to its type, the events are marked dispatched, and every pending
 * delivery without a job gets one (pg-boss writing them, in one statement, through the same transaction).
 * Events are claimed with `skip locked`, so several workers relay side by side and never take the same event;
 * a worker dying mid-batch rolls back, and the events are relayed again: at least once, and the (event, kind)
 * key of a mail and the (webhook, event) key of a delivery make each one delivery. Answers how many rows it
 * handed on.
 */
export async function relayEvents(deps: Pick<Deps, 'db' | 'config'>, queue: JobWriter, batch = 100): Promise<number> {
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
    const jobs: PgBoss.JobInsert[] = [];
    const orderCustomers = await customerEmails(trx, [
      ...new Set(
        events
          .filter((event) => event.type.startsWith('order.'))
          .map((event) => (event.data as { user_id?: string | null }).user_id)
          .filter((id): id is string => Boolean(id)),
      ),
    ]);
    for (const event of events) {
      if (deps.config.AMQP_URL) jobs.push({ name: QUEUES.amqp, data: { event_id: event.id } });
      const type = event.type as EventType;
      const data = event.data as Record<string, unknown>;
      const mail = mailFor(type, data as unknown as EventData[EventType], deps.config);
      const to = type.startsWith('user.') ? (data.email as string) : orderCustomers.get(data.user_id as string);
      if (mail && to) await fileMail(trx, { ...mail, eventId: event.id, to }, viaSmtp);
    }
    if (events.length) {
      const ids = events.map((event) => event.id);
      // One statement for the batch: every active webhook subscribed to each event's type.
      await sql`
        insert into webhook_deliveries (webhook_id, event_id, event_type)
        select w.id, e.id, e.type
          from unnest(${ids}::uuid[], ${events.map((event) => event.type)}::text[]) as e(id, type)
          join webhooks w on w.is_active and w.events @> array[e.type]
         order by e.id, w.id
        on conflict (webhook_id, event_id) do nothing`.execute(trx);
      await trx
        .updateTable('events')
        .set({ dispatched_at: sql`now()` })
        .where('id', 'in', ids)
        .execute();
    }
    const mails = viaSmtp ? await claimUnqueued(trx, 'mail', batch) : [];
    const stored = viaSmtp ? 0 : await storeUnqueuedMail(trx, batch);
    const deliveries = await claimUnqueued(trx, 'webhook_deliveries', batch);
    const images = await claimUnqueued(trx, 'product_images', batch);
    jobs.push(
      ...mails.map((id) => ({ name: QUEUES.mail, data: { mail_id: id } })),
      ...deliveries.map((id) => ({ name: QUEUES.webhook, data: { delivery_id: id } })),
      ...images.map((id) => ({ name: QUEUES.thumbnails, data: { image_id: id } })),
    );
    if (jobs.length) await queue.insert(jobs, { db: throughTransaction(trx) });
    return events.length + mails.length + stored + deliveries.length + images.length;
  });
}

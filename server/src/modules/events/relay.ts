import { CompiledQuery, type Transaction } from 'kysely';
import type PgBoss from 'pg-boss';
import type { EventData, EventType } from '@nexus/contract';
import type { DB } from '@nexus/db';
import type { Deps } from '../../deps.js';
import { withTransaction } from '../../database/transaction.js';
import { mailFor } from '../mail/mail-templates.js';
import { fileMail } from '../mail/mail.queries.js';

/** The job queues the worker serves. */
export const QUEUES = { mail: 'mail.send' } as const;

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
 * Hands up to `batch` undispatched events on, in one transaction: each event's e-mail is filed and the event
 * marked dispatched, and (with SMTP) every pending mail without one gets its send job, queued through the same
 * transaction. Events are claimed with
 * `skip locked`, so several workers relay side by side and never take the same event; a worker dying mid-batch
 * rolls back, and the events are relayed again (at least once; the mail's (event, kind) key makes it one mail).
 * Answers how many events and mails it handed on.
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
      const type = event.type as EventType;
      const data = event.data as Record<string, unknown>;
      const mail = mailFor(type, data as unknown as EventData[EventType], deps.config);
      const to = mail && (await recipientOf(trx, type, data));
      if (!mail || !to) continue;
      await fileMail(trx, { ...mail, eventId: event.id, to }, viaSmtp);
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
    // Every pending mail without a send job gets one: those just filed, and those filed by requests themselves
    // (a password reset's, which carries a secret no event may).
    const unqueued = await trx
      .selectFrom('mail')
      .select('id')
      .where('status', '=', 'pending')
      .where('queued_at', 'is', null)
      .orderBy('seq')
      .limit(batch)
      .forUpdate()
      .skipLocked()
      .execute();
    for (const { id } of unqueued) await queue.send(QUEUES.mail, { mail_id: id }, { db: throughTransaction(trx) });
    if (unqueued.length) {
      await trx
        .updateTable('mail')
        .set({ queued_at: new Date().toISOString() })
        .where(
          'id',
          'in',
          unqueued.map((row) => row.id),
        )
        .execute();
    }
    return events.length + unqueued.length;
  });
}

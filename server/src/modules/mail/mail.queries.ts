import { sql, type Transaction } from 'kysely';
import type { MailListQuery, MailMessage } from '@nexus/contract';
import type { DB } from '@nexus/db';
import type { Db } from '../../database/transaction.js';
import type { RenderedMail } from './mail-templates.js';

/**
 * Files an event's e-mail: `stored` at once when there is no SMTP server (the mailbox is its destination),
 * else `pending` for the worker. Undefined when this event's mail of this kind exists already (the event was
 * handed on twice): at-least-once upstream, one mail here.
 */
export async function fileMail(
  trx: Transaction<DB>,
  mail: RenderedMail & { eventId: string; to: string },
  viaSmtp: boolean,
): Promise<string | undefined> {
  const row = await trx
    .insertInto('mail')
    .values({
      event_id: mail.eventId,
      kind: mail.kind,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      status: viaSmtp ? 'pending' : 'stored',
      sent_at: viaSmtp ? null : sql<string>`now()`,
    })
    .onConflict((oc) => oc.columns(['event_id', 'kind']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

export function findMailToSend(db: Db, id: string) {
  return db
    .selectFrom('mail')
    .select(['id', 'to', 'subject', 'text', 'html', 'status', 'attempts'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Records one attempt's outcome: sent, or failed (still retried) or dead (the last attempt). */
export async function recordMailAttempt(
  db: Db,
  id: string,
  outcome: { status: 'sent' } | { status: 'failed' | 'dead'; error: string },
): Promise<void> {
  await db
    .updateTable('mail')
    .set((eb) => ({
      attempts: eb('attempts', '+', 1),
      status: outcome.status,
      ...(outcome.status === 'sent'
        ? { sent_at: sql<string>`now()`, last_error: null }
        : { last_error: outcome.error.slice(0, 2000) }),
    }))
    .where('id', '=', id)
    // An attempt that finishes late (its worker was presumed dead and the mail sent meanwhile) changes nothing.
    .where('status', '<>', 'sent')
    .execute();
}

/** The mailbox, newest first: `mail_seq_key` backward, or `mail_to_seq_idx` for one address. */
export async function listMail(db: Db, query: MailListQuery): Promise<{ count: number; rows: MailMessage[] }> {
  const filtered = db.selectFrom('mail').$if(query.to !== undefined, (qb) => qb.where('to', '=', query.to!));
  const [rows, total] = await Promise.all([
    filtered
      .select([
        'id',
        'to',
        'subject',
        'text',
        'html',
        sql<MailMessage['status']>`status`.as('status'),
        'attempts',
        'last_error',
        'created_at',
        'sent_at',
      ])
      .orderBy('seq', 'desc')
      .limit(query.page_size)
      .offset((query.page - 1) * query.page_size)
      .execute(),
    filtered.select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow(),
  ]);
  return { count: Number(total.count), rows };
}

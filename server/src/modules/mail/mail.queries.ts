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

/** A password reset link's token, in text or (Handlebars-escaped) HTML. */
const RESET_TOKEN = /(token(?:=|&#x3D;))pr_[\w-]+/g;

/** The mail with reset tokens replaced: what may be kept, or shown, once a reset link is not the mailbox's to deliver. */
export function withoutResetTokens<M extends { text: string; html: string }>(mail: M): M {
  return {
    ...mail,
    text: mail.text.replace(RESET_TOKEN, '$1(redacted)'),
    html: mail.html.replace(RESET_TOKEN, '$1(redacted)'),
  };
}

/** After SMTP took a reset mail: the copy kept here loses its token, so no admin and no backup holds a live one. */
export async function redactResetToken(db: Db, id: string): Promise<void> {
  const mail = await db.selectFrom('mail').select(['text', 'html']).where('id', '=', id).executeTakeFirst();
  if (mail) await db.updateTable('mail').set(withoutResetTokens(mail)).where('id', '=', id).execute();
}

/** Mail filed by requests for the mailbox (no SMTP where the worker runs): delivered there, as it were. */
export async function storeUnqueuedMail(trx: Transaction<DB>, batch: number): Promise<number> {
  const result = await sql`
    update mail set status = 'stored', sent_at = now()
     where id in (select id from mail where status = 'pending' and queued_at is null
                   order by seq limit ${batch} for update skip locked)`.execute(trx);
  return Number(result.numAffectedRows ?? 0);
}

export function findMailToSend(db: Db, id: string) {
  return db
    .selectFrom('mail')
    .select(['id', 'kind', 'to', 'subject', 'text', 'html', 'status', 'attempts'])
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

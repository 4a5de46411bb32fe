import nodemailer, { type Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { DB } from '@nexus/db';
import type { Config } from '../../config.js';
import { findMailToSend, recordMailAttempt, redactResetToken } from './mail.queries.js';

/** The SMTP connection, when SMTP_URL is set; the mailbox is the destination otherwise. */
export function createMailTransport(config: Pick<Config, 'SMTP_URL'>): Transporter | undefined {
  if (!config.SMTP_URL) return undefined;
  const options: SMTPTransport.Options = {
    url: config.SMTP_URL,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 10_000,
  };
  return nodemailer.createTransport(options);
}

/** Where a delivery attempt stands: the job queue's retry count and limit for it. */
export interface Attempt {
  retryCount: number;
  retryLimit: number;
}

/**
 * One attempt to send a pending e-mail through SMTP. Already sent (a redelivered job): nothing. A refusal is
 * recorded (`failed`, or `dead` on the last attempt) and thrown, so the job queue retries it with back-off.
 * Sent, then a crash before it is recorded: it is sent again on retry (at least once, never lost).
 */
export async function sendMail(
  deps: { db: Kysely<DB>; config: Pick<Config, 'MAIL_FROM'>; logger: Logger; transport: Transporter },
  mailId: string,
  attempt: Attempt,
): Promise<void> {
  const mail = await findMailToSend(deps.db, mailId);
  if (!mail || mail.status === 'sent' || mail.status === 'stored') return;
  try {
    await deps.transport.sendMail({
      from: deps.config.MAIL_FROM,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      headers: { 'X-Nexus-Mail-Id': mail.id },
    });
  } catch (error) {
    const last = attempt.retryCount >= attempt.retryLimit;
    const message = error instanceof Error ? error.message : String(error);
    await recordMailAttempt(deps.db, mail.id, { status: last ? 'dead' : 'failed', error: message });
    deps.logger.warn(
      { err: error, mail_id: mail.id, attempt: attempt.retryCount + 1 },
      last ? 'mail is dead' : 'mail failed; retried',
    );
    throw error;
  }
  await recordMailAttempt(deps.db, mail.id, { status: 'sent' });
  if (mail.kind === 'password_reset') await redactResetToken(deps.db, mail.id);
}

import { z } from 'zod';
import { extendApi } from '../common/openapi-meta.js';
import { PageQuerySchema, pageOf } from '../common/pagination.js';
import { TimestampSchema } from '../common/timestamp.js';

/** `pending` → `sent` (through SMTP) or `stored` (no SMTP: kept in this mailbox); `failed` while retried; `dead`. */
export const MAIL_STATUSES = ['pending', 'sent', 'stored', 'failed', 'dead'] as const;

/** An e-mail the store wrote, as the admin mailbox shows it. */
export const MailMessageSchema = extendApi(
  z.object({
    id: z.string().uuid(),
    to: z.string(),
    subject: z.string(),
    text: z.string(),
    html: z.string(),
    status: z.enum(MAIL_STATUSES),
    attempts: z.number().int().min(0),
    last_error: z.string().nullable(),
    created_at: TimestampSchema,
    sent_at: TimestampSchema.nullable(),
  }),
  {
    title: 'MailMessage',
    example: {
      id: '1e3c5a7b-9d1f-4b2a-8c4e-6f8a0b2c4d6e',
      to: 'ada@example.com',
      subject: 'Your order NX-000123',
      text: 'Thank you for your order NX-000123…',
      html: '<p>Thank you for your order <strong>NX-000123</strong>…</p>',
      status: 'stored',
      attempts: 0,
      last_error: null,
      created_at: '2026-12-03T09:00:00.000Z',
      sent_at: '2026-12-03T09:00:00.000Z',
    },
  },
);
export type MailMessage = z.infer<typeof MailMessageSchema>;

/** Query of `GET /admin/mail`: newest first, optionally for one address. */
export const MailListQuerySchema = PageQuerySchema.extend({
  to: z.string().trim().toLowerCase().max(320).optional().describe('Only mail to this address'),
});
export type MailListQuery = z.infer<typeof MailListQuerySchema>;
export const MailPageSchema = pageOf(MailMessageSchema);

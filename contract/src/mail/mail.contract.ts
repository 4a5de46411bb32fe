import { initContract } from '@ts-rest/core';
import { ADMIN_PROBLEMS, problemResponses } from '../common/problem.js';
import { adminRoute } from '../common/route-metadata.js';
import { MailListQuerySchema, MailPageSchema } from './mail.schemas.js';

const c = initContract();

/** The store's e-mail, as admins see it: the mailbox when no SMTP server is configured, and a log when one is. */
export const mailContract = c.router({
  list: {
    method: 'GET',
    path: '/admin/mail',
    summary: 'Read the mailbox (admin)',
    description:
      'Every e-mail the store wrote (order placed, paid, shipped, cancelled; welcome), newest first, with its delivery status. Without `SMTP_URL` this is where mail goes (`stored`).',
    query: MailListQuerySchema,
    responses: { 200: MailPageSchema, ...problemResponses(...ADMIN_PROBLEMS, 'validation_failed') },
    metadata: adminRoute,
  },
});

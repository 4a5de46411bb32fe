import { initServer } from '@ts-rest/express';
import { api } from '@nexus/contract';
import type { Deps, RouterFor } from '../../deps.js';
import { pageLinks } from '../../http/pagination.js';
import { listMail, withoutResetTokens } from './mail.queries.js';

const s = initServer();

export function mailRouter({ db, config }: Deps): RouterFor<typeof api.mail> {
  return s.router(api.mail, {
    list: async ({ req, query }) => {
      const { count, rows } = await listMail(db, query);
      // With SMTP, a reset link belongs to its recipient's inbox only: no admin reads a live token here.
      const results = config.SMTP_URL ? rows.map(withoutResetTokens) : rows;
      return { status: 200, body: { count, ...pageLinks(req, query, count), next_cursor: null, results } };
    },
  });
}

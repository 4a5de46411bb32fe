import { initServer } from '@ts-rest/express';
import { api } from '@nexus/contract';
import type { Deps, RouterFor } from '../../deps.js';
import { pageLinks } from '../../http/pagination.js';
import { invalidField, reply } from '../../http/problem.js';
import { literalTargetProblem } from './target-guard.js';
import { maskSecret, newWebhookSecret } from './webhook-signature.js';
import {
  deleteWebhook,
  findWebhookById,
  insertWebhook,
  listDeliveries,
  listWebhooks,
  retryDelivery,
  updateWebhook,
  webhookExists,
} from './webhooks.queries.js';

const s = initServer();

export function webhooksRouter({ db, config }: Deps): RouterFor<typeof api.webhooks> {
  // A literal private address is refused at once; a name is checked on every delivery (it may change).
  const refusedTarget = (url: string | undefined) =>
    url && config.WEBHOOKS_ALLOW_PRIVATE !== 'true' ? literalTargetProblem(url) : undefined;

  return s.router(api.webhooks, {
    create: async ({ body }) => {
      const refused = refusedTarget(body.url);
      if (refused) return invalidField('url', `must not be ${refused.replace(/^.* is /, '')}`);
      const webhook = await insertWebhook(db, {
        url: body.url,
        events: [...new Set(body.events)],
        description: body.description ?? '',
        secret: newWebhookSecret(),
      });
      return { status: 201, body: webhook };
    },

    list: async ({ req, query }) => {
      const { count, rows } = await listWebhooks(db, query);
      const results = rows.map((webhook) => ({ ...webhook, secret: maskSecret(webhook.secret) }));
      return { status: 200, body: { count, ...pageLinks(req, query, count), next_cursor: null, results } };
    },

    get: async ({ params }) => {
      const webhook = await findWebhookById(db, params.id);
      return webhook
        ? { status: 200, body: { ...webhook, secret: maskSecret(webhook.secret) } }
        : reply('not_found', `No webhook ${params.id}`);
    },

    update: async ({ params, body }) => {
      const refused = refusedTarget(body.url);
      if (refused) return invalidField('url', `must not be ${refused.replace(/^.* is /, '')}`);
      const changes = body.events ? { ...body, events: [...new Set(body.events)] } : body;
      const webhook = await updateWebhook(db, params.id, changes);
      return webhook
        ? { status: 200, body: { ...webhook, secret: maskSecret(webhook.secret) } }
        : reply('not_found', `No webhook ${params.id}`);
    },

    delete: async ({ params }) =>
      (await deleteWebhook(db, params.id))
        ? { status: 204, body: undefined }
        : reply('not_found', `No webhook ${params.id}`),

    deliveries: async ({ req, params, query }) => {
      if (!(await webhookExists(db, params.id))) return reply('not_found', `No webhook ${params.id}`);
      const { count, rows } = await listDeliveries(db, params.id, query);
      return { status: 200, body: { count, ...pageLinks(req, query, count), next_cursor: null, results: rows } };
    },

    retryDelivery: async ({ params }) => {
      const outcome = await retryDelivery(db, params.id, params.delivery_id);
      if (!outcome) return reply('not_found', `Webhook ${params.id} has no delivery ${params.delivery_id}`);
      if (!outcome.retried) {
        return reply(
          'invalid_transition',
          `This delivery is ${outcome.status}: only a dead one is retried (a failed one is still being retried)`,
        );
      }
      return { status: 202, body: undefined };
    },
  });
}

import { initContract } from '@ts-rest/core';
import { ADMIN_PROBLEMS, BODY_PROBLEMS, WRITE_PROBLEMS, problemResponses } from '../common/problem.js';
import { adminRoute } from '../common/route-metadata.js';
import {
  CreateWebhookBodySchema,
  UpdateWebhookBodySchema,
  WebhookDeliveryPageSchema,
  WebhookDeliveryParamsSchema,
  WebhookIdParamsSchema,
  WebhookListQuerySchema,
  WebhookPageSchema,
  WebhookSchema,
} from './webhooks.schemas.js';

const c = initContract();

const targets =
  'Targets on loopback, private or link-local addresses are refused (400 at creation for a literal address; at delivery for a name that resolves to one, redirects not followed) unless `WEBHOOKS_ALLOW_PRIVATE=true`.';

/** Outgoing webhooks (admin): who is told about which events, and how each delivery went. */
export const webhooksContract = c.router({
  create: {
    method: 'POST',
    path: '/webhooks',
    summary: 'Subscribe a URL to events (admin)',
    description: `The answer holds the signing \`secret\` in full; it is masked everywhere after. ${targets}`,
    body: CreateWebhookBodySchema,
    responses: { 201: WebhookSchema, ...problemResponses(...ADMIN_PROBLEMS, ...BODY_PROBLEMS, ...WRITE_PROBLEMS) },
    metadata: adminRoute,
  },
  list: {
    method: 'GET',
    path: '/webhooks',
    summary: 'List webhooks (admin)',
    query: WebhookListQuerySchema,
    responses: { 200: WebhookPageSchema, ...problemResponses(...ADMIN_PROBLEMS, 'validation_failed') },
    metadata: adminRoute,
  },
  get: {
    method: 'GET',
    path: '/webhooks/:id',
    summary: 'Get a webhook (admin)',
    description: 'Its secret masked, as in the list.',
    pathParams: WebhookIdParamsSchema,
    responses: { 200: WebhookSchema, ...problemResponses(...ADMIN_PROBLEMS, 'not_found') },
    metadata: adminRoute,
  },
  update: {
    method: 'PATCH',
    path: '/webhooks/:id',
    summary: 'Change a webhook (admin)',
    description: targets,
    pathParams: WebhookIdParamsSchema,
    body: UpdateWebhookBodySchema,
    responses: {
      200: WebhookSchema,
      ...problemResponses(...ADMIN_PROBLEMS, ...BODY_PROBLEMS, 'not_found', ...WRITE_PROBLEMS),
    },
    metadata: adminRoute,
  },
  delete: {
    method: 'DELETE',
    path: '/webhooks/:id',
    summary: 'Delete a webhook and its delivery log (admin)',
    pathParams: WebhookIdParamsSchema,
    responses: { 204: c.noBody(), ...problemResponses(...ADMIN_PROBLEMS, 'not_found', ...WRITE_PROBLEMS) },
    metadata: adminRoute,
  },
  deliveries: {
    method: 'GET',
    path: '/webhooks/:id/deliveries',
    summary: 'A webhook’s deliveries, newest first (admin)',
    pathParams: WebhookIdParamsSchema,
    query: WebhookListQuerySchema,
    responses: {
      200: WebhookDeliveryPageSchema,
      ...problemResponses(...ADMIN_PROBLEMS, 'validation_failed', 'not_found'),
    },
    metadata: adminRoute,
  },
  retryDelivery: {
    method: 'POST',
    path: '/webhooks/:id/deliveries/:delivery_id/retry',
    summary: 'Try a delivery again (admin)',
    description:
      'A dead delivery (out of attempts) gets a fresh round: 202, and the worker sends it shortly. One pending, failed (still being retried) or succeeded is 409 `invalid_transition`.',
    pathParams: WebhookDeliveryParamsSchema,
    body: c.noBody(),
    responses: {
      202: c.noBody(),
      ...problemResponses(...ADMIN_PROBLEMS, 'not_found', 'invalid_transition', ...WRITE_PROBLEMS),
    },
    metadata: adminRoute,
  },
});

import { z } from 'zod';
import { extendApi } from '../common/openapi-meta.js';
import { PageQuerySchema, pageOf } from '../common/pagination.js';
import { TimestampSchema } from '../common/timestamp.js';
import { EventTypeSchema } from '../events/events.schemas.js';

const WebhookUrlSchema = z
  .string()
  .trim()
  .max(2000)
  .url()
  .refine((url) => /^https?:\/\//i.test(url), 'must be an http or https URL');

/**
 * A subscription of a third party to events. Every delivery is a `POST` of the event JSON with `X-Nexus-Event`,
 * `X-Nexus-Delivery` and `X-Nexus-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body" with secret>`;
 * a 2xx within 10 s is success, anything else is retried. `secret` is shown in full only when created.
 */
export const WebhookSchema = extendApi(
  z.object({
    id: z.string().uuid(),
    url: z.string(),
    events: z.array(EventTypeSchema),
    description: z.string(),
    secret: z.string().describe('The signing secret: in full in the answer to create, masked (`whsec_…abcd`) after'),
    is_active: z.boolean(),
    created_at: TimestampSchema,
  }),
  {
    title: 'Webhook',
    example: {
      id: '4d6f8a0c-2e4a-4c6e-8a0c-2e4a6c8e0a2c',
      url: 'https://erp.example.com/hooks/nexus',
      events: ['order.placed', 'order.paid'],
      description: 'ERP order import',
      secret: 'whsec_…3f9a',
      is_active: true,
      created_at: '2026-12-03T09:00:00.000Z',
    },
  },
);
export type Webhook = z.infer<typeof WebhookSchema>;

export const CreateWebhookBodySchema = extendApi(
  z
    .object({
      url: WebhookUrlSchema,
      events: z.array(EventTypeSchema).min(1).max(50),
      description: z.string().trim().max(500).optional(),
    })
    .strict(),
  { example: { url: 'https://erp.example.com/hooks/nexus', events: ['order.placed'], description: 'ERP' } },
);
export type CreateWebhookBody = z.infer<typeof CreateWebhookBodySchema>;

export const UpdateWebhookBodySchema = extendApi(
  z
    .object({
      url: WebhookUrlSchema.optional(),
      events: z.array(EventTypeSchema).min(1).max(50).optional(),
      description: z.string().trim().max(500).optional(),
      is_active: z.boolean().optional(),
    })
    .strict(),
  { example: { is_active: false } },
);
export type UpdateWebhookBody = z.infer<typeof UpdateWebhookBodySchema>;

/** One event's delivery to one webhook, and how its attempts went. */
export const WebhookDeliverySchema = extendApi(
  z.object({
    id: z.string().uuid().describe('Also sent as X-Nexus-Delivery'),
    event_id: z.string().uuid(),
    event_type: EventTypeSchema,
    status: z.enum(['pending', 'succeeded', 'failed', 'dead']),
    attempts: z.number().int().min(0),
    response_status: z.number().int().nullable(),
    last_error: z.string().nullable(),
    next_attempt_at: TimestampSchema.nullable().describe('While failed: the earliest time of the next attempt'),
    created_at: TimestampSchema,
  }),
  { title: 'WebhookDelivery' },
);
export type WebhookDelivery = z.infer<typeof WebhookDeliverySchema>;

export const WebhookPageSchema = pageOf(WebhookSchema);
export const WebhookDeliveryPageSchema = pageOf(WebhookDeliverySchema);
export const WebhookIdParamsSchema = z.object({ id: z.string().uuid() });
export const WebhookDeliveryParamsSchema = z.object({ id: z.string().uuid(), delivery_id: z.string().uuid() });
export const WebhookListQuerySchema = PageQuerySchema;

import type { RouteObject } from 'react-router';
import { WebhookScreen } from './webhook-screen';
import { WebhooksScreen } from './webhooks-screen';

export const webhookRoutes: RouteObject[] = [
  { path: 'webhooks', element: <WebhooksScreen /> },
  { path: 'webhooks/:id', element: <WebhookScreen /> },
];

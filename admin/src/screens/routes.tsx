import type { RouteObject } from 'react-router';
import { categoryRoutes } from './categories/routes';
import { customerRoutes } from './customers/routes';
import { mailRoutes } from './mail/routes';
import { orderRoutes } from './orders/routes';
import { overviewRoutes } from './overview/routes';
import { productRoutes } from './products/routes';
import { reviewRoutes } from './reviews/routes';
import { webhookRoutes } from './webhooks/routes';

/** The screens under the dashboard's frame; each folder declares its own. */
export const screenRoutes: RouteObject[] = [
  ...overviewRoutes,
  ...categoryRoutes,
  ...productRoutes,
  ...orderRoutes,
  ...customerRoutes,
  ...reviewRoutes,
  ...mailRoutes,
  ...webhookRoutes,
];

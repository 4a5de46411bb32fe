import type { RouteObject } from 'react-router';

export const webhookRoutes: RouteObject[] = [];

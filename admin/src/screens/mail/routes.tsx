import type { RouteObject } from 'react-router';

export const mailRoutes: RouteObject[] = [];

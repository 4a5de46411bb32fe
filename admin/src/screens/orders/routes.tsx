import type { RouteObject } from 'react-router';
import { OrderScreen } from './order-screen';
import { OrdersScreen } from './orders-screen';

export const orderRoutes: RouteObject[] = [
  { path: 'orders', element: <OrdersScreen /> },
  { path: 'orders/:id', element: <OrderScreen /> },
];

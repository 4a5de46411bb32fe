import type { RouteObject } from 'react-router';
import { CustomerScreen } from './customer-screen';
import { CustomersScreen } from './customers-screen';

export const customerRoutes: RouteObject[] = [
  { path: 'customers', element: <CustomersScreen /> },
  { path: 'customers/:id', element: <CustomerScreen /> },
];

import type { RouteObject } from 'react-router';
import { ProductEditScreen } from './product-edit-screen';
import { ProductNewScreen } from './product-new-screen';
import { ProductsScreen } from './products-screen';

export const productRoutes: RouteObject[] = [
  { path: 'products', element: <ProductsScreen /> },
  { path: 'products/new', element: <ProductNewScreen /> },
  { path: 'products/:id', element: <ProductEditScreen /> },
];

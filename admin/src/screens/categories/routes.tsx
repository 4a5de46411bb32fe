import type { RouteObject } from 'react-router';
import { CategoriesScreen } from './categories-screen';

export const categoryRoutes: RouteObject[] = [{ path: 'categories', element: <CategoriesScreen /> }];

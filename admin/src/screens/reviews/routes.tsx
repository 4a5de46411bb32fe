import type { RouteObject } from 'react-router';
import { ReviewsScreen } from './reviews-screen';

export const reviewRoutes: RouteObject[] = [{ path: 'reviews', element: <ReviewsScreen /> }];

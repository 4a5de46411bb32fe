import type { RouteObject } from 'react-router';
import { OverviewScreen } from './overview-screen';

export const overviewRoutes: RouteObject[] = [{ index: true, element: <OverviewScreen /> }];

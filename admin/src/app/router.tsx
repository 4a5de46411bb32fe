import { createBrowserRouter } from 'react-router';
import { Layout } from './layout';
import { RequireAdmin } from './session';
import { SignInScreen } from '../screens/sign-in/sign-in-screen';
import { NotFoundScreen } from '../screens/not-found-screen';
import { screenRoutes } from '../screens/routes';

/** Every screen lives under /admin; all but sign-in need an admin. */
export const router = createBrowserRouter(
  [
    { path: '/sign-in', element: <SignInScreen /> },
    {
      path: '/',
      element: (
        <RequireAdmin>
          <Layout />
        </RequireAdmin>
      ),
      children: [...screenRoutes, { path: '*', element: <NotFoundScreen /> }],
    },
  ],
  { basename: '/admin' },
);

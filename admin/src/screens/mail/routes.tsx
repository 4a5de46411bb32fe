import type { RouteObject } from 'react-router';
import { MailboxScreen } from './mailbox-screen';

export const mailRoutes: RouteObject[] = [{ path: 'mail', element: <MailboxScreen /> }];

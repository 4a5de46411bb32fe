import { initContract } from '@ts-rest/core';
import { ADMIN_PROBLEMS, USER_PROBLEMS, WRITE_PROBLEMS, problemResponses } from '../common/problem.js';
import { adminRoute, userRoute } from '../common/route-metadata.js';
import { SessionIdParamsSchema, ActiveSessionListSchema, UserSessionParamsSchema } from './sessions.schemas.js';
import { UserIdParamsSchema } from '../users/users.schemas.js';

const c = initContract();

/**
 * The signed-in user's logins: see them, and end any of them (a lost phone, a shared computer). Admins see and end
 * a customer's the same way (a stolen account).
 */
export const sessionsContract = c.router({
  list: {
    method: 'GET',
    path: '/users/me/sessions',
    summary: 'List your sessions',
    description: 'Every login still alive (not logged out, ended or expired), newest first; `current` marks this one.',
    responses: { 200: ActiveSessionListSchema, ...problemResponses(...USER_PROBLEMS) },
    metadata: userRoute,
  },
  end: {
    method: 'DELETE',
    path: '/users/me/sessions/:id',
    summary: 'End a session',
    description:
      'Its refresh token and its access tokens stop working at once (401 `token_revoked`), on whatever device holds them. Ending `current` logs you out here. A session that is not one of your live ones is 404.',
    pathParams: SessionIdParamsSchema,
    responses: { 204: c.noBody(), ...problemResponses(...USER_PROBLEMS, 'not_found', ...WRITE_PROBLEMS) },
    metadata: userRoute,
  },
  listForUser: {
    method: 'GET',
    path: '/users/:id/sessions',
    summary: 'List a user’s sessions (admin)',
    description:
      'Their live logins as `GET /users/me/sessions` shows them, newest first; `current` is always false. An unknown user is 404.',
    pathParams: UserIdParamsSchema,
    responses: { 200: ActiveSessionListSchema, ...problemResponses(...ADMIN_PROBLEMS, 'not_found') },
    metadata: adminRoute,
  },
  endForUser: {
    method: 'DELETE',
    path: '/users/:id/sessions/:session_id',
    summary: 'End a user’s session (admin)',
    description:
      'As if the user ended it: its refresh token and its access tokens stop working at once (401 `token_revoked`). An unknown user, or a session that is not one of their live ones, is 404.',
    pathParams: UserSessionParamsSchema,
    responses: { 204: c.noBody(), ...problemResponses(...ADMIN_PROBLEMS, 'not_found', ...WRITE_PROBLEMS) },
    metadata: adminRoute,
  },
});

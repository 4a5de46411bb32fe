import { initContract } from '@ts-rest/core';
import { USER_PROBLEMS, WRITE_PROBLEMS, problemResponses } from '../common/problem.js';
import { userRoute } from '../common/route-metadata.js';
import { SessionIdParamsSchema, ActiveSessionListSchema } from './sessions.schemas.js';

const c = initContract();

/** The signed-in user's logins: see them, and end any of them (a lost phone, a shared computer). */
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
});

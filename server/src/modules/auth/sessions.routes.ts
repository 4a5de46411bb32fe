import { initServer } from '@ts-rest/express';
import { api } from '@nexus/contract';
import type { Deps, RouterFor } from '../../deps.js';
import { principalOf } from '../../http/authenticate.js';
import { reply } from '../../http/problem.js';
import { findUserById } from '../users/users.queries.js';
import { endSession, listSessions } from './sessions.queries.js';

const s = initServer();

export function sessionsRouter({ db }: Deps): RouterFor<typeof api.sessions> {
  return s.router(api.sessions, {
    list: async ({ req }) => {
      const { userId, familyId } = principalOf(req);
      const sessions = await listSessions(db, userId);
      return { status: 200, body: sessions.map((session) => ({ ...session, current: session.id === familyId })) };
    },

    end: async ({ req, params }) => {
      const { userId } = principalOf(req);
      // Someone else's session is no different from none: 404 either way, so ids cannot be probed.
      return (await endSession(db, userId, params.id))
        ? { status: 204, body: undefined }
        : reply('not_found', `You have no live session ${params.id}`);
    },

    listForUser: async ({ params }) => {
      if (!(await findUserById(db, params.id))) return reply('not_found', `No user ${params.id}`);
      const sessions = await listSessions(db, params.id);
      return { status: 200, body: sessions.map((session) => ({ ...session, current: false })) };
    },

    endForUser: async ({ params }) => {
      if (!(await findUserById(db, params.id))) return reply('not_found', `No user ${params.id}`);
      return (await endSession(db, params.id, params.session_id))
        ? { status: 204, body: undefined }
        : reply('not_found', `User ${params.id} has no live session ${params.session_id}`);
    },
  });
}

import { initServer } from '@ts-rest/express';
import { api } from '@nexus/contract';
import type { Deps, RouterFor } from '../../deps.js';
import { principalOf } from '../../http/authenticate.js';
import { pageLinks } from '../../http/pagination.js';
import { reply } from '../../http/problem.js';
import { requestSignal } from '../../http/request-signal.js';
import { revokeFamilies } from '../auth/sessions.queries.js';
import { deleteUser, findPasswordHash, findUserById, listUsers, updateUser } from './users.queries.js';
import { withTransaction } from '../../database/transaction.js';

const s = initServer();

export function usersRouter({ db, passwords }: Deps): RouterFor<typeof api.users> {
  return s.router(api.users, {
    me: async ({ req }) => {
      const user = await findUserById(db, principalOf(req).userId);
      return user ? { status: 200, body: user } : reply('invalid_token', 'The account of this token no longer exists');
    },

    updateMe: async ({ req, body }) => {
      const user = await updateUser(db, principalOf(req).userId, body);
      return user ? { status: 200, body: user } : reply('invalid_token', 'The account of this token no longer exists');
    },

    changePassword: async ({ req, body }) => {
      const { userId } = principalOf(req);
      const currentHash = await findPasswordHash(db, userId);
      const signal = requestSignal(req);
      if (!currentHash || !(await passwords.verify(currentHash, body.current_password, signal))) {
        return reply('invalid_credentials', 'The current password is wrong');
      }
      const password_hash = await passwords.hash(body.new_password, signal);
      await withTransaction(db, async (trx) => {
        await updateUser(trx, userId, { password_hash });
        await revokeFamilies(trx, { userId }, 'password_change');
      });
      return { status: 204, body: undefined };
    },

    list: async ({ req, query }) => {
      const { count, rows } = await listUsers(db, query);
      return { status: 200, body: { count, ...pageLinks(req, query, count), next_cursor: null, results: rows } };
    },

    get: async ({ params }) => {
      const user = await findUserById(db, params.id);
      return user ? { status: 200, body: user } : reply('not_found', `No user ${params.id}`);
    },

    update: async ({ req, params, body }) => {
      const isSelf = principalOf(req).userId === params.id;
      if (isSelf && (body.role === 'customer' || body.is_active === false)) {
        return reply('cannot_modify_self', 'Ask another admin to demote or deactivate you');
      }
      const user = await withTransaction(db, async (trx) => {
        const updated = await updateUser(trx, params.id, body);
        if (updated && body.is_active === false) await revokeFamilies(trx, { userId: params.id }, 'deactivated');
        return updated;
      });
      return user ? { status: 200, body: user } : reply('not_found', `No user ${params.id}`);
    },

    delete: async ({ req, params }) => {
      if (principalOf(req).userId === params.id) return reply('cannot_modify_self', 'Ask another admin to delete you');
      return (await deleteUser(db, params.id))
        ? { status: 204, body: undefined }
        : reply('not_found', `No user ${params.id}`);
    },
  });
}

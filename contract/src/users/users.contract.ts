import { initContract } from '@ts-rest/core';
import { ADMIN_PROBLEMS, BODY_PROBLEMS, USER_PROBLEMS, problemResponses, WRITE_PROBLEMS } from '../common/problem.js';
import { adminRoute, userRoute } from '../common/route-metadata.js';
import { ChangePasswordBodySchema } from '../auth/auth.schemas.js';
import {
  AdminUpdateUserBodySchema,
  UpdateMeBodySchema,
  UserIdParamsSchema,
  UserListQuerySchema,
  UserPageSchema,
  UserSchema,
} from './users.schemas.js';

const c = initContract();

/** The signed-in user's own account, and admin management of every account. */
export const usersContract = c.router({
  me: {
    method: 'GET',
    path: '/users/me',
    summary: 'The signed-in user',
    responses: { 200: UserSchema, ...problemResponses(...USER_PROBLEMS) },
    metadata: userRoute,
  },
  updateMe: {
    method: 'PATCH',
    path: '/users/me',
    summary: 'Update your profile',
    description: 'Only the fields given change. `phone_number: null` clears it.',
    body: UpdateMeBodySchema,
    responses: { 200: UserSchema, ...problemResponses(...USER_PROBLEMS, ...BODY_PROBLEMS, ...WRITE_PROBLEMS) },
    metadata: userRoute,
  },
  changePassword: {
    method: 'POST',
    path: '/users/me/password',
    summary: 'Change your password',
    description:
      'Needs the current password (401 `invalid_credentials` otherwise). Every refresh token of the user is revoked, so every device must log in again.',
    body: ChangePasswordBodySchema,
    responses: {
      204: c.noBody(),
      ...problemResponses(...USER_PROBLEMS, ...BODY_PROBLEMS, 'invalid_credentials', ...WRITE_PROBLEMS),
    },
    metadata: userRoute,
  },
  list: {
    method: 'GET',
    path: '/users',
    summary: 'List users (admin)',
    description: 'Ordered by `created_at`, newest first, ties broken by id.',
    query: UserListQuerySchema,
    responses: { 200: UserPageSchema, ...problemResponses(...ADMIN_PROBLEMS, 'validation_failed') },
    metadata: { ...adminRoute, cost: 'heavy' },
  },
  get: {
    method: 'GET',
    path: '/users/:id',
    summary: 'Get a user (admin)',
    pathParams: UserIdParamsSchema,
    responses: { 200: UserSchema, ...problemResponses(...ADMIN_PROBLEMS, 'not_found') },
    metadata: adminRoute,
  },
  update: {
    method: 'PATCH',
    path: '/users/:id',
    summary: 'Update a user (admin)',
    description:
      'Change role, activation or names. Deactivating a user revokes their sessions. An admin cannot demote or deactivate themselves (409 `cannot_modify_self`).',
    pathParams: UserIdParamsSchema,
    body: AdminUpdateUserBodySchema,
    responses: {
      200: UserSchema,
      ...problemResponses(...ADMIN_PROBLEMS, ...BODY_PROBLEMS, 'not_found', 'cannot_modify_self', ...WRITE_PROBLEMS),
    },
    metadata: adminRoute,
  },
  delete: {
    method: 'DELETE',
    path: '/users/:id',
    summary: 'Delete a user (admin)',
    description: 'An admin cannot delete themselves (409 `cannot_modify_self`).',
    pathParams: UserIdParamsSchema,
    responses: {
      204: c.noBody(),
      ...problemResponses(...ADMIN_PROBLEMS, 'not_found', 'cannot_modify_self', ...WRITE_PROBLEMS),
    },
    metadata: adminRoute,
  },
});

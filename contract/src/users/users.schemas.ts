import { z } from 'zod';
import { TimestampSchema } from '../common/timestamp.js';
import { extendApi } from '../common/openapi-meta.js';
import { PageQuerySchema, pageOf } from '../common/pagination.js';

/** `customer` is every registered user; `admin` may manage users and the catalogue. */
export const RoleSchema = z.enum(['customer', 'admin']);
export type Role = z.infer<typeof RoleSchema>;

/** A first or last name: 1 to 100 characters after trimming. */
export const PersonNameSchema = z.string().trim().min(1).max(100);
/** Phone numbers: digits with optional leading `+`, spaces, dashes and parentheses. */
export const PhoneNumberSchema = z
  .string()
  .trim()
  .max(32)
  .regex(/^\+?[0-9][0-9 ()-]{2,31}$/, 'must be a phone number such as +44 20 7946 0958');

/** A user account as the API shows it. Never carries a password hash. */
export const UserSchema = extendApi(
  z.object({
    id: z.string().uuid(),
    email: z.string().email(),
    first_name: z.string(),
    last_name: z.string(),
    phone_number: z.string().nullable(),
    role: RoleSchema,
    is_active: z.boolean(),
    created_at: TimestampSchema,
    updated_at: TimestampSchema,
  }),
  {
    title: 'User',
    example: {
      id: '0b6f3d5e-8f1e-4c43-9f0a-6c1d2e3f4a5b',
      email: 'ada@example.com',
      first_name: 'Ada',
      last_name: 'Lovelace',
      phone_number: null,
      role: 'customer',
      is_active: true,
      created_at: '2026-11-22T09:00:00.000Z',
      updated_at: '2026-11-22T09:00:00.000Z',
    },
  },
);
export type User = z.infer<typeof UserSchema>;

/** `PATCH /users/me`: what a user may change about themselves. */
export const UpdateMeBodySchema = extendApi(
  z
    .object({
      first_name: PersonNameSchema,
      last_name: PersonNameSchema,
      phone_number: PhoneNumberSchema.nullable(),
    })
    .partial()
    .strict(),
  { example: { first_name: 'Ada', phone_number: '+44 20 7946 0958' } },
);
export type UpdateMeBody = z.infer<typeof UpdateMeBodySchema>;

/** `PATCH /users/{id}`: what an admin may change about a user. */
export const AdminUpdateUserBodySchema = extendApi(
  z
    .object({
      role: RoleSchema,
      is_active: z.boolean(),
      first_name: PersonNameSchema,
      last_name: PersonNameSchema,
    })
    .partial()
    .strict(),
  { example: { role: 'admin' } },
);
export type AdminUpdateUserBody = z.infer<typeof AdminUpdateUserBodySchema>;

/** Query of `GET /users`. */
export const UserListQuerySchema = PageQuerySchema.extend({
  search: z.string().trim().max(200).optional().describe('Case-insensitive substring of email, first or last name'),
  role: RoleSchema.optional().describe('Only users with this role'),
});
export type UserListQuery = z.infer<typeof UserListQuerySchema>;

export const UserPageSchema = pageOf(UserSchema);

export const UserIdParamsSchema = z.object({ id: z.string().uuid() });

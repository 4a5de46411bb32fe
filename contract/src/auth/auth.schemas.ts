import { z } from 'zod';
import { UNIQUE_EXAMPLE, extendApi } from '../common/openapi-meta.js';
import { PersonNameSchema, UserSchema } from '../users/users.schemas.js';

/** Emails are case-insensitive: they are trimmed and lower-cased on the way in. */
export const EmailSchema = z.string().trim().toLowerCase().email().max(254);
/** 8 to 128 characters; hashed with argon2id, never stored or logged in clear. */
export const PasswordSchema = z.string().min(8).max(128);

/**
 * A guest cart to merge into the account's cart on login or registration: quantities add up (capped by stock
 * and 99 a line) and the guest token is retired. An unknown token is ignored.
 */
export const CartTokenFieldSchema = z
  .string()
  .min(1)
  .max(200)
  .describe('The guest cart token, to merge that cart into yours');

/** `POST /auth/register` body. */
export const RegisterBodySchema = extendApi(
  z
    .object({
      email: EmailSchema,
      password: PasswordSchema,
      first_name: PersonNameSchema,
      last_name: PersonNameSchema,
      cart_token: CartTokenFieldSchema.optional(),
    })
    .strict(),
  {
    example: {
      email: `ada+${UNIQUE_EXAMPLE}@example.com`,
      password: 'correct horse battery',
      first_name: 'Ada',
      last_name: 'Lovelace',
    },
  },
);
export type RegisterBody = z.infer<typeof RegisterBodySchema>;

/** `POST /auth/token` body. */
export const LoginBodySchema = extendApi(
  z
    .object({ email: EmailSchema, password: z.string().min(1).max(128), cart_token: CartTokenFieldSchema.optional() })
    .strict(),
  { example: { email: 'ada@example.com', password: 'correct horse battery' } },
);
export type LoginBody = z.infer<typeof LoginBodySchema>;

/** A refresh token, as returned by login, register and refresh. */
export const RefreshBodySchema = extendApi(z.object({ refresh: z.string().min(1).max(512) }).strict(), {
  example: { refresh: 'rt_3q2P1vYk…' },
});
export type RefreshBody = z.infer<typeof RefreshBodySchema>;

/** An access JWT (short-lived) and an opaque refresh token (rotated on every use). */
export const TokenPairSchema = extendApi(
  z.object({
    access: z.string().describe('JWT for `Authorization: Bearer …`; 15 minutes by default'),
    refresh: z.string().describe('Opaque refresh token; single use, 7 days by default'),
  }),
  { title: 'TokenPair', example: { access: 'eyJhbGciOiJIUzI1NiJ9…', refresh: 'rt_3q2P1vYk…' } },
);
export type TokenPair = z.infer<typeof TokenPairSchema>;

/** What register and login answer: the user and a fresh token pair. */
export const SessionSchema = extendApi(TokenPairSchema.extend({ user: UserSchema }), { title: 'Session' });
export type Session = z.infer<typeof SessionSchema>;

/** `POST /users/me/password` body. */
export const ChangePasswordBodySchema = extendApi(
  z.object({ current_password: z.string().min(1).max(128), new_password: PasswordSchema }).strict(),
  { example: { current_password: 'correct horse battery', new_password: 'battery staple horse' } },
);
export type ChangePasswordBody = z.infer<typeof ChangePasswordBodySchema>;

/** `POST /auth/password/forgot`: the account's email. */
export const ForgotPasswordBodySchema = extendApi(z.object({ email: EmailSchema }).strict(), {
  example: { email: 'ada@example.com' },
});
export type ForgotPasswordBody = z.infer<typeof ForgotPasswordBodySchema>;

/** `POST /auth/password/reset`: the token from the e-mailed link, and the new password. */
export const ResetPasswordBodySchema = extendApi(
  z.object({ token: z.string().min(1).max(200), new_password: PasswordSchema }).strict(),
  { example: { token: 'pr_4Jc9…', new_password: 'battery staple horse' } },
);
export type ResetPasswordBody = z.infer<typeof ResetPasswordBodySchema>;

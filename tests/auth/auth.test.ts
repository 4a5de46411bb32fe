import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { isNexusError } from '@nexus/client-sdk';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { expectProblem } from '../support/expect-problem.js';
import { expiredAccessFor, PASSWORD, signUp, uniqueEmail } from '../support/fixtures.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const register = (body: Record<string, unknown>) => app.fetch('/api/v1/auth/register', { method: 'POST', json: body });
const login = (email: string, password: string, headers: Record<string, string> = {}) =>
  app.fetch('/api/v1/auth/token', { method: 'POST', json: { email, password }, headers });
const refresh = (token: string) =>
  app.fetch('/api/v1/auth/token/refresh', { method: 'POST', json: { refresh: token } });

describe('POST /auth/register', () => {
  it('creates a customer, lower-cases the email and returns the user with a token pair', async () => {
    const email = uniqueEmail('Mixed.Case').replace('mixed.case', 'Mixed.Case');
    const response = await register({
      email: `  ${email}  `,
      password: PASSWORD,
      first_name: 'Ada',
      last_name: 'Lovelace',
    });
    expect(response.status).toBe(201);
    const body = (await response.json()) as { user: Record<string, unknown>; access: string; refresh: string };
    expect(body.user).toMatchObject({
      email: email.toLowerCase(),
      role: 'customer',
      is_active: true,
      phone_number: null,
    });
    expect(Object.keys(body.user).sort()).toEqual(
      [
        'created_at',
        'email',
        'first_name',
        'id',
        'is_active',
        'last_name',
        'phone_number',
        'role',
        'updated_at',
      ].sort(),
    );
    expect(body.access.split('.')).toHaveLength(3);
    expect(body.refresh).toMatch(/^rt_/);
  });

  it('stores an argon2id hash, never the password', async () => {
    const { user } = await signUp(app);
    const row = await app.db
      .selectFrom('users')
      .select('password_hash')
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(row.password_hash).not.toContain(PASSWORD);
  });

  it('answers 409 email_taken for an email already registered, whatever its case', async () => {
    const { email } = await signUp(app);
    const problem = await expectProblem(
      await register({ email: email.toUpperCase(), password: PASSWORD, first_name: 'A', last_name: 'B' }),
      'email_taken',
    );
    expect(problem.errors).toEqual([{ path: 'email', message: expect.any(String) }]);
  });

  it('rejects passwords under 8 or over 128 characters', async () => {
    for (const password of ['1234567', 'x'.repeat(129)]) {
      const problem = await expectProblem(
        await register({ email: uniqueEmail(), password, first_name: 'A', last_name: 'B' }),
        'validation_failed',
      );
      expect(problem.errors?.map((error) => error.path)).toEqual(['password']);
    }
  });

  it('requires every field', async () => {
    const problem = await expectProblem(await register({}), 'validation_failed');
    expect(problem.errors?.map((error) => error.path).sort()).toEqual(['email', 'first_name', 'last_name', 'password']);
  });
});

describe('POST /auth/token', () => {
  it('logs in with any case of the email', async () => {
    const { email, user } = await signUp(app);
    const response = await login(email.toUpperCase(), PASSWORD);
    expect(response.status).toBe(200);
    expect(((await response.json()) as { user: { id: string } }).user.id).toBe(user.id);
  });

  it('answers a wrong password and an unknown email with the same 401 body', async () => {
    const { email } = await signUp(app);
    const wrongPassword = await expectProblem(await login(email, 'wrong-password'), 'invalid_credentials');
    const unknownEmail = await expectProblem(
      await login(uniqueEmail('ghost'), 'wrong-password'),
      'invalid_credentials',
    );
    const strip = ({ request_id: _id, ...rest }: Record<string, unknown>) => rest;
    expect(strip(wrongPassword as never)).toEqual(strip(unknownEmail as never));
  });

  it('answers 403 account_disabled to a deactivated user with the right password', async () => {
    const { email, user } = await signUp(app);
    await app.db.updateTable('users').set({ is_active: false }).where('id', '=', user.id).execute();
    await expectProblem(await login(email, PASSWORD), 'account_disabled');
  });
});

describe('POST /auth/token/refresh', () => {
  it('rotates: returns a new pair, and the old refresh token stops working', async () => {
    const { refresh: first } = await signUp(app);
    const response = await refresh(first);
    expect(response.status).toBe(200);
    const pair = (await response.json()) as { access: string; refresh: string };
    expect(Object.keys(pair).sort()).toEqual(['access', 'refresh']);
    expect(pair.refresh).not.toBe(first);
    expect((await refresh(pair.refresh)).status).toBe(200);
  });

  it('rejects a reused refresh token and revokes its whole family, including the newest token and its access token', async () => {
    const { refresh: first } = await signUp(app);
    const second = (await (await refresh(first)).json()) as { access: string; refresh: string };
    await expectProblem(await refresh(first), 'token_reused');
    await expectProblem(await refresh(second.refresh), 'token_revoked');
    await expectProblem(await app.fetch('/api/v1/users/me', { token: second.access }), 'token_revoked');
  });

  it('leaves the user’s other logins alone when one family is revoked for reuse', async () => {
    const { email, refresh: first } = await signUp(app);
    const other = (await (await login(email, PASSWORD)).json()) as { refresh: string };
    await refresh(first);
    await refresh(first);
    expect((await refresh(other.refresh)).status).toBe(200);
  });

  it('gives exactly one success when the same token is refreshed concurrently', async () => {
    const { refresh: token } = await signUp(app);
    // Open every pooled connection first: otherwise connection set-up alone serialises the requests and hides a race.
    await Promise.all(Array.from({ length: 5 }, () => sql`select pg_sleep(0.05)`.execute(app.db)));
    const answers = await Promise.all(Array.from({ length: 8 }, () => refresh(token)));
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 401)).toHaveLength(7);
  });

  it('answers 401 invalid_token for a token it never issued', async () => {
    await expectProblem(await refresh('rt_not-a-real-token'), 'invalid_token');
  });

  it('answers 403 account_disabled for a deactivated user', async () => {
    const { refresh: token, user } = await signUp(app);
    await app.db.updateTable('users').set({ is_active: false }).where('id', '=', user.id).execute();
    await expectProblem(await refresh(token), 'account_disabled');
  });

  it('answers 401 token_expired after JWT_REFRESH_TTL', async () => {
    const { refresh: token } = await signUp(app);
    await app.db
      .updateTable('refresh_tokens')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .execute();
    await expectProblem(await refresh(token), 'token_expired');
  });
});

describe('POST /auth/logout', () => {
  it('revokes the family: refresh and access tokens of that login stop working; 204 again when repeated', async () => {
    const { refresh: token, access } = await signUp(app);
    expect((await app.fetch('/api/v1/auth/logout', { method: 'POST', json: { refresh: token } })).status).toBe(204);
    await expectProblem(await refresh(token), 'token_revoked');
    await expectProblem(await app.fetch('/api/v1/users/me', { token: access }), 'token_revoked');
    expect((await app.fetch('/api/v1/auth/logout', { method: 'POST', json: { refresh: token } })).status).toBe(204);
  });
});

describe('access tokens', () => {
  it('answers 401 unauthorized without a token and 401 invalid_token for a malformed or foreign one', async () => {
    await expectProblem(await app.fetch('/api/v1/users/me'), 'unauthorized');
    await expectProblem(await app.fetch('/api/v1/users/me', { token: 'not.a.jwt' }), 'invalid_token');
    await expectProblem(
      await app.fetch('/api/v1/users/me', { headers: { authorization: 'Basic abc' } }),
      'invalid_token',
    );
    const { access } = await signUp(app);
    const [header, payload] = access.split('.');
    await expectProblem(
      await app.fetch('/api/v1/users/me', { token: `${header}.${payload}.forged-signature` }),
      'invalid_token',
    );
  });

  it('carries sub, role, jti, iss, aud and exp, expiring after JWT_ACCESS_TTL', async () => {
    const { access, user } = await signUp(app);
    const claims = JSON.parse(Buffer.from(access.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
    expect(claims).toMatchObject({
      sub: user.id,
      role: 'customer',
      iss: app.config.JWT_ISSUER,
      aud: app.config.JWT_AUDIENCE,
    });
    expect(claims.jti).toEqual(expect.any(String));
    expect((claims.exp as number) - (claims.iat as number)).toBe(app.config.JWT_ACCESS_TTL);
  });

  it('answers 401 token_expired for an expired access token', async () => {
    const { access } = await signUp(app);
    await expectProblem(
      await app.fetch('/api/v1/users/me', { token: await expiredAccessFor(app, access) }),
      'token_expired',
    );
  });

  it('answers 403 account_disabled as soon as an account is deactivated, even with a valid token', async () => {
    const { access, user } = await signUp(app);
    await app.db.updateTable('users').set({ is_active: false }).where('id', '=', user.id).execute();
    await expectProblem(await app.fetch('/api/v1/users/me', { token: access }), 'account_disabled');
  });
});

describe('admin bootstrap', () => {
  it('creates ADMIN_EMAIL as an admin at start-up, or promotes an existing account with that password', async () => {
    const { bootstrapAdmin } = await import('../../server/src/modules/users/admin-bootstrap.js');
    const { email } = await signUp(app);
    await bootstrapAdmin({
      ...app.nexus.deps,
      config: { ...app.config, ADMIN_EMAIL: email, ADMIN_PASSWORD: 'bootstrap-password' },
    });
    const session = await app.client().auth.login({ body: { email, password: 'bootstrap-password' } });
    expect(session.user.role).toBe('admin');

    const fresh = uniqueEmail('root');
    await bootstrapAdmin({
      ...app.nexus.deps,
      config: { ...app.config, ADMIN_EMAIL: fresh, ADMIN_PASSWORD: 'bootstrap-password' },
    });
    const created = await app.client().auth.login({ body: { email: fresh, password: 'bootstrap-password' } });
    expect(created.user.role).toBe('admin');
  });

  it('surfaces wrong credentials through the SDK as a typed error', async () => {
    const error = await app
      .client()
      .auth.login({ body: { email: uniqueEmail(), password: 'nope-nope' } })
      .catch((e: unknown) => e);
    expect(isNexusError(error, 'invalid_credentials')).toBe(true);
  });
});

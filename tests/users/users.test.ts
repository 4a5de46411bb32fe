import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { expectProblem } from '../support/expect-problem.js';
import { PASSWORD, signUp, signUpAdmin, type SignedIn } from '../support/fixtures.js';

let app: TestApp;
let admin: SignedIn;
beforeAll(async () => {
  app = await startTestApp();
  admin = await signUpAdmin(app);
});
afterAll(() => app.close());

const asAdmin = (path: string, init: Parameters<TestApp['fetch']>[1] = {}) =>
  app.fetch(path, { ...init, token: admin.access });

describe('GET /users/me', () => {
  it('returns the signed-in user without any password field', async () => {
    const { client, user } = await signUp(app, { first_name: 'Grace' });
    const me = await client.users.me();
    expect(me).toEqual(user);
    expect(JSON.stringify(me)).not.toMatch(/password/);
  });
});

describe('PATCH /users/me', () => {
  it('changes only the given fields and advances updated_at', async () => {
    const { client, user } = await signUp(app, { first_name: 'Old', last_name: 'Name' });
    const updated = await client.users.updateMe({ body: { first_name: 'New', phone_number: '+44 20 7946 0958' } });
    expect(updated).toMatchObject({ first_name: 'New', last_name: 'Name', phone_number: '+44 20 7946 0958' });
    expect(Date.parse(updated.updated_at)).toBeGreaterThan(Date.parse(user.updated_at));
    expect((await client.users.updateMe({ body: { phone_number: null } })).phone_number).toBeNull();
  });

  it('refuses fields a user may not change about themselves (role, email, is_active)', async () => {
    const { access } = await signUp(app);
    const problem = await expectProblem(
      await app.fetch('/api/v1/users/me', {
        method: 'PATCH',
        token: access,
        json: { role: 'admin', email: 'x@example.com', is_active: true },
      }),
      'validation_failed',
    );
    expect(problem.errors?.map((error) => error.path).sort()).toEqual(['email', 'is_active', 'role']);
  });

  it('validates phone numbers and names', async () => {
    const { access } = await signUp(app);
    const problem = await expectProblem(
      await app.fetch('/api/v1/users/me', {
        method: 'PATCH',
        token: access,
        json: { phone_number: 'call me', first_name: '   ' },
      }),
      'validation_failed',
    );
    expect(problem.errors?.map((error) => error.path).sort()).toEqual(['first_name', 'phone_number']);
  });
});

describe('POST /users/me/password', () => {
  it('changes the password and revokes every refresh token of the user', async () => {
    const { client, email, refresh, access } = await signUp(app);
    const otherDevice = (await (
      await app.fetch('/api/v1/auth/token', { method: 'POST', json: { email, password: PASSWORD } })
    ).json()) as { refresh: string };
    expect(
      (
        await app.fetch('/api/v1/users/me/password', {
          method: 'POST',
          token: access,
          json: { current_password: PASSWORD, new_password: 'a brand new secret' },
        })
      ).status,
    ).toBe(204);
    for (const token of [refresh, otherDevice.refresh]) {
      await expectProblem(
        await app.fetch('/api/v1/auth/token/refresh', { method: 'POST', json: { refresh: token } }),
        'token_revoked',
      );
    }
    await expectProblem(
      await app.fetch('/api/v1/auth/token', { method: 'POST', json: { email, password: PASSWORD } }),
      'invalid_credentials',
    );
    expect((await client.auth.login({ body: { email, password: 'a brand new secret' } })).user.email).toBe(email);
  });

  it('answers 401 invalid_credentials for a wrong current password and keeps the old one', async () => {
    const { access, email } = await signUp(app);
    await expectProblem(
      await app.fetch('/api/v1/users/me/password', {
        method: 'POST',
        token: access,
        json: { current_password: 'not-it-at-all', new_password: 'a brand new secret' },
      }),
      'invalid_credentials',
    );
    expect(
      (await app.fetch('/api/v1/auth/token', { method: 'POST', json: { email, password: PASSWORD } })).status,
    ).toBe(200);
  });

  it('applies the password rules to the new password', async () => {
    const { access } = await signUp(app);
    const problem = await expectProblem(
      await app.fetch('/api/v1/users/me/password', {
        method: 'POST',
        token: access,
        json: { current_password: PASSWORD, new_password: 'short' },
      }),
      'validation_failed',
    );
    expect(problem.errors?.map((error) => error.path)).toEqual(['new_password']);
  });
});

describe('admin-only endpoints', () => {
  const adminCalls = (id: string): Array<[string, Parameters<TestApp['fetch']>[1]]> => [
    ['/api/v1/users', {}],
    [`/api/v1/users/${id}`, {}],
    [`/api/v1/users/${id}`, { method: 'PATCH', json: { role: 'admin' } }],
    [`/api/v1/users/${id}`, { method: 'DELETE' }],
  ];

  it('answer 401 to anonymous callers and 403 forbidden to customers', async () => {
    const customer = await signUp(app);
    for (const [path, init] of adminCalls(customer.user.id)) {
      await expectProblem(await app.fetch(path, init), 'unauthorized');
      await expectProblem(await app.fetch(path, { ...init, token: customer.access }), 'forbidden');
    }
    expect(
      (await app.db.selectFrom('users').select('role').where('id', '=', customer.user.id).executeTakeFirstOrThrow())
        .role,
    ).toBe('customer');
  });

  it('check the role in the database, so a demoted admin loses access at once', async () => {
    const other = await signUpAdmin(app);
    expect((await app.fetch('/api/v1/users', { token: other.access })).status).toBe(200);
    await app.db.updateTable('users').set({ role: 'customer' }).where('id', '=', other.user.id).execute();
    await expectProblem(await app.fetch('/api/v1/users', { token: other.access }), 'forbidden');
  });
});

describe('GET /users', () => {
  it('pages newest first with count, next and previous keeping every other parameter', async () => {
    const tag = `pager${Date.now()}`;
    for (let i = 0; i < 5; i += 1) await signUp(app, { last_name: tag });
    const first = await admin.client.users.list({ query: { search: tag, page_size: 2 } });
    expect(first.count).toBe(5);
    expect(first.results).toHaveLength(2);
    expect(first.previous).toBeNull();
    expect(first.next).toBe(`/api/v1/users?search=${tag}&page_size=2&page=2`);
    const last = await admin.client.users.list({ query: { search: tag, page_size: 2, page: 3 } });
    expect(last.results).toHaveLength(1);
    expect(last.next).toBeNull();
    expect(last.previous).toBe(`/api/v1/users?search=${tag}&page_size=2&page=2`);
    const all = [
      ...first.results,
      ...(await admin.client.users.list({ query: { search: tag, page_size: 2, page: 2 } })).results,
      ...last.results,
    ];
    expect(new Set(all.map((user) => user.id)).size).toBe(5);
    const created = all.map((user) => `${user.created_at}|${user.id}`);
    expect(created).toEqual([...created].sort().reverse());
  });

  it('searches email and names case-insensitively and filters by role', async () => {
    const { user } = await signUp(app, { first_name: 'Zebediah' });
    const found = await admin.client.users.list({ query: { search: 'zEBEDIAH' } });
    expect(found.results.map((u) => u.id)).toContain(user.id);
    const admins = await admin.client.users.list({ query: { role: 'admin', page_size: 100 } });
    expect(admins.results.every((u) => u.role === 'admin')).toBe(true);
    expect(admins.results.map((u) => u.id)).toContain(admin.user.id);
  });

  it('treats LIKE wildcards in search literally', async () => {
    const page = await admin.client.users.list({ query: { search: '%' } });
    expect(page.count).toBe(0);
  });

  it('rejects bad paging values', async () => {
    for (const query of ['page=0', 'page_size=101', 'page=abc', 'role=owner']) {
      const problem = await expectProblem(await asAdmin(`/api/v1/users?${query}`), 'validation_failed');
      expect(problem.errors?.[0]?.path).toBe(query.split('=')[0]);
    }
  });
});

describe('GET/PATCH/DELETE /users/{id}', () => {
  it('gets a user by id; 404 for an unknown or malformed id', async () => {
    const { user } = await signUp(app);
    expect(await admin.client.users.get({ params: { id: user.id } })).toEqual(user);
    await expectProblem(await asAdmin('/api/v1/users/00000000-0000-4000-8000-000000000000'), 'not_found');
    await expectProblem(await asAdmin('/api/v1/users/not-a-uuid'), 'not_found');
  });

  it('promotes a customer to admin, who can then use admin endpoints', async () => {
    const customer = await signUp(app);
    expect((await admin.client.users.update({ params: { id: customer.user.id }, body: { role: 'admin' } })).role).toBe(
      'admin',
    );
    expect((await app.fetch('/api/v1/users', { token: customer.access })).status).toBe(200);
  });

  it('deactivates a user: their refresh, access tokens and logins all answer 403 account_disabled', async () => {
    const customer = await signUp(app);
    const updated = await admin.client.users.update({ params: { id: customer.user.id }, body: { is_active: false } });
    expect(updated.is_active).toBe(false);
    await expectProblem(
      await app.fetch('/api/v1/auth/token/refresh', { method: 'POST', json: { refresh: customer.refresh } }),
      'account_disabled',
    );
    await expectProblem(await app.fetch('/api/v1/users/me', { token: customer.access }), 'account_disabled');
    await expectProblem(
      await app.fetch('/api/v1/auth/token', { method: 'POST', json: { email: customer.email, password: PASSWORD } }),
      'account_disabled',
    );
  });

  it('refuses to let an admin demote, deactivate or delete themselves', async () => {
    const self = `/api/v1/users/${admin.user.id}`;
    await expectProblem(await asAdmin(self, { method: 'PATCH', json: { role: 'customer' } }), 'cannot_modify_self');
    await expectProblem(await asAdmin(self, { method: 'PATCH', json: { is_active: false } }), 'cannot_modify_self');
    await expectProblem(await asAdmin(self, { method: 'DELETE' }), 'cannot_modify_self');
    expect((await asAdmin(self, { method: 'PATCH', json: { first_name: 'Still' } })).status).toBe(200);
  });

  it('rejects unknown and invalid fields on update; 404 for an unknown id', async () => {
    const { user } = await signUp(app);
    const problem = await expectProblem(
      await asAdmin(`/api/v1/users/${user.id}`, { method: 'PATCH', json: { role: 'owner', password_hash: 'x' } }),
      'validation_failed',
    );
    expect(problem.errors?.map((error) => error.path).sort()).toEqual(['password_hash', 'role']);
    await expectProblem(
      await asAdmin('/api/v1/users/00000000-0000-4000-8000-000000000000', { method: 'PATCH', json: { role: 'admin' } }),
      'not_found',
    );
  });

  it('deletes a user and their sessions; 404 the second time', async () => {
    const customer = await signUp(app);
    expect((await asAdmin(`/api/v1/users/${customer.user.id}`, { method: 'DELETE' })).status).toBe(204);
    await expectProblem(await app.fetch('/api/v1/users/me', { token: customer.access }), 'invalid_token');
    await expectProblem(
      await app.fetch('/api/v1/auth/token/refresh', { method: 'POST', json: { refresh: customer.refresh } }),
      'invalid_token',
    );
    await expectProblem(await asAdmin(`/api/v1/users/${customer.user.id}`, { method: 'DELETE' }), 'not_found');
  });
});

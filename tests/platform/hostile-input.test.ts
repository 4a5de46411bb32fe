import { gzipSync } from 'node:zlib';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { expectProblem } from '../support/expect-problem.js';
import { PASSWORD, signRawJwt, signUp, signUpAdmin, uniqueEmail, type SignedIn } from '../support/fixtures.js';

let app: TestApp;
let admin: SignedIn;
beforeAll(async () => {
  app = await startTestApp();
  admin = await signUpAdmin(app);
});
afterAll(() => app.close());

const register = (body: Record<string, unknown>) => app.fetch('/api/v1/auth/register', { method: 'POST', json: body });
const person = () => ({ email: uniqueEmail(), password: PASSWORD, first_name: 'Ada', last_name: 'Lovelace' });

describe('malformed paths', () => {
  it.each(['/api/v1/products/%zz', '/api/v1/categories/%E0%A4%A', '/api/v1/products/%'])(
    'answers %s with 404 not_found, not 500',
    async (path) => {
      await expectProblem(await app.fetch(path), 'not_found');
    },
  );

  it('answers a malformed escape on an admin path with 404 once authorised', async () => {
    await expectProblem(await app.fetch('/api/v1/users/%zz', { token: admin.access }), 'not_found');
  });
});

describe('text PostgreSQL cannot store', () => {
  it('refuses a NUL in a body field with 400 naming it, and stores nothing', async () => {
    const body = { ...person(), first_name: 'a\u0000b' };
    const problem = await expectProblem(await register(body), 'validation_failed');
    expect(problem.errors).toEqual([{ path: 'first_name', message: expect.stringContaining('NUL') }]);
    const rows = await app.db.selectFrom('users').select('id').where('email', '=', body.email).execute();
    expect(rows).toEqual([]);
  });

  it('refuses a NUL in a query value with 400 naming it', async () => {
    const problem = await expectProblem(await app.fetch('/api/v1/categories?search=%00'), 'validation_failed');
    expect(problem.errors?.map((error) => error.path)).toEqual(['search']);
    const products = await expectProblem(await app.fetch('/api/v1/products?search=caf%00e'), 'validation_failed');
    expect(products.errors?.map((error) => error.path)).toEqual(['search']);
  });

  it('refuses lone surrogates instead of storing U+FFFD in their place', async () => {
    const raw = `{"email":"${uniqueEmail()}","password":"${PASSWORD}","first_name":"\\ud800","last_name":"B"}`;
    const response = await app.fetch('/api/v1/auth/register', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: raw,
    });
    const problem = await expectProblem(response, 'validation_failed');
    expect(problem.errors?.map((error) => error.path)).toEqual(['first_name']);
  });

  it('lists every offending field at once, nested ones by their dotted path', async () => {
    const problem = await expectProblem(
      await app.fetch('/api/v1/users/me', {
        method: 'PATCH',
        token: admin.access,
        json: { first_name: '\u0000', last_name: 'x\u0000' },
      }),
      'validation_failed',
    );
    expect(problem.errors?.map((error) => error.path).sort()).toEqual(['first_name', 'last_name']);
  });
});

describe('bodies that cannot be read', () => {
  it('answers Content-Encoding: gzip over a body that is not gzip with 400', async () => {
    const response = await app.fetch('/api/v1/auth/token', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: JSON.stringify({ email: 'a@example.com', password: 'x' }),
    });
    await expectProblem(response, 'validation_failed');
  });

  it('reads a real gzip body', async () => {
    const response = await app.fetch('/api/v1/auth/register', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: gzipSync(JSON.stringify(person())),
    });
    expect(response.status).toBe(201);
  });

  it('ignores a body sent to a route that takes none', async () => {
    const response = await app.fetch(`/api/v1/users/${admin.user.id}`, {
      method: 'GET',
      token: admin.access,
      headers: { 'content-type': 'text/plain' },
    });
    expect(response.status).toBe(200);
  });
});

describe('numbers out of range', () => {
  it.each(['page=1e20', 'page=10001', 'page=9007199254740993', 'page_size=1e3', 'page_size=1e1', 'page=0x10', 'page='])(
    'answers %s with 400, not a database overflow',
    async (query) => {
      const problem = await expectProblem(await app.fetch(`/api/v1/products?${query}`), 'validation_failed');
      expect(problem.errors?.[0]?.path).toBe(query.split('=')[0]);
      await expectProblem(await app.fetch(`/api/v1/categories?${query}`), 'validation_failed');
    },
  );
});

describe('requests Node refuses before any route', () => {
  it('answers headers over 16 KB with 431 problem+json, not an empty body', async () => {
    const response = await app.fetch('/api/v1/products', { headers: { 'x-padding': 'x'.repeat(20_000) } });
    expect(response.status).toBe(431);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(((await response.json()) as { code: string }).code).toBe('headers_too_large');
  });
});

describe('bodies built to cost us CPU', () => {
  it('does not echo a 20 KB key name back', async () => {
    const response = await register({ ...person(), ['k'.repeat(20_000)]: 1 });
    const text = await response.clone().text();
    await expectProblem(response, 'validation_failed');
    expect(text.length).toBeLessThan(2_000);
  });

  it('answers 90,000 unknown keys with one short 400, before any schema work', async () => {
    const body = Object.fromEntries(Array.from({ length: 90_000 }, (_, i) => [`k${i}`, 1]));
    const response = await app.fetch('/api/v1/auth/register', { method: 'POST', json: body });
    const text = await response.clone().text();
    const problem = await expectProblem(response, 'validation_failed');
    expect(text.length).toBeLessThan(2_000);
    expect(problem.errors).toEqual([{ path: 'body', message: expect.stringContaining('more than 10000 values') }]);
  });

  it('lists at most 50 errors, while the detail counts them all', async () => {
    const body = { ...person(), ...Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`k${i}`, 1])) };
    const problem = await expectProblem(await register(body), 'validation_failed');
    expect(problem.errors).toHaveLength(50);
    expect(problem.detail).toBe('5000 fields are invalid');
  });

  it('refuses a body nested deeper than 32 levels', async () => {
    let nested: unknown = 1;
    for (let i = 0; i < 40; i += 1) nested = { a: nested };
    await expectProblem(await register({ ...person(), deep: nested }), 'validation_failed');
  });
});

describe('access tokens the server never issued', () => {
  const claimsFor = (user: SignedIn['user'], sid: string) => ({
    sub: user.id,
    sid,
    role: user.role,
    jti: randomUUID(),
    iss: 'nexus-commerce',
    aud: 'nexus-commerce-api',
    iat: Math.floor(Date.now() / 1000),
    exp: Math.floor(Date.now() / 1000) + 600,
  });
  const sidOf = (access: string) =>
    JSON.parse(Buffer.from(access.split('.')[1]!, 'base64url').toString()).sid as string;

  it('accepts a correctly formed token (the baseline the other cases vary)', async () => {
    const customer = await signUp(app);
    const token = signRawJwt(app, claimsFor(customer.user, sidOf(customer.access)));
    expect((await app.fetch('/api/v1/users/me', { token })).status).toBe(200);
  });

  it.each([
    ['without exp', ({ exp: _exp, ...claims }: Record<string, unknown>) => claims],
    ['with a sub that is not a UUID', (claims: Record<string, unknown>) => ({ ...claims, sub: "1' or '1'='1" })],
    ['with a sid that is not a UUID', (claims: Record<string, unknown>) => ({ ...claims, sid: 'not-a-uuid' })],
    ['from another issuer', (claims: Record<string, unknown>) => ({ ...claims, iss: 'someone-else' })],
    ['for another audience', (claims: Record<string, unknown>) => ({ ...claims, aud: 'another-api' })],
    ['with an unknown role', (claims: Record<string, unknown>) => ({ ...claims, role: 'root' })],
    ['without iat', ({ iat: _iat, ...claims }: Record<string, unknown>) => claims],
    [
      'issued in the future',
      (claims: Record<string, unknown>) => ({ ...claims, iat: Math.floor(Date.now() / 1000) + 3600 }),
    ],
    ['valid for centuries', (claims: Record<string, unknown>) => ({ ...claims, exp: 1e10 })],
  ])('answers a token %s with 401 invalid_token', async (_label, edit) => {
    const customer = await signUp(app);
    const token = signRawJwt(app, edit(claimsFor(customer.user, sidOf(customer.access))));
    await expectProblem(await app.fetch('/api/v1/users/me', { token }), 'invalid_token');
  });
});

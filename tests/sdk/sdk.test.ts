import { readFile, writeFile, mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createNexusClient, isNexusError, memoryTokenStore, NexusApiError } from '@nexus/client-sdk';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { expiredAccessFor, PASSWORD, signUp, uniqueEmail } from '../support/fixtures.js';

const here = path.dirname(fileURLToPath(import.meta.url));

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

/** A fetch that counts refresh calls, to observe single flight from outside the SDK. */
function countingFetch() {
  const calls = { refresh: 0, total: 0 };
  const fetchImpl: typeof fetch = (input, init) => {
    calls.total += 1;
    if (String(input).endsWith('/auth/token/refresh')) calls.refresh += 1;
    return fetch(input, init);
  };
  return { calls, fetchImpl };
}

describe('the README example', () => {
  it('runs as written against a real server', async () => {
    const readme = await readFile(path.join(here, '../../client-sdk/README.md'), 'utf8');
    const example = /## Five lines\s+```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(example?.split('\n').filter((line) => line.trim()).length).toBeLessThanOrEqual(5);
    const dir = path.join(here, '.generated');
    await mkdir(dir, { recursive: true });
    const file = path.join(dir, `readme-example-${process.pid}.ts`);
    await writeFile(file, example!.replace("'http://localhost:3000'", JSON.stringify(app.baseUrl)));
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      await import(/* @vite-ignore */ file);
      expect(log).toHaveBeenCalledWith('Signed in as ada@example.com');
    } finally {
      log.mockRestore();
      await rm(file, { force: true });
    }
  });
});

describe('token handling', () => {
  it('stores the tokens of login and attaches them to protected calls', async () => {
    const { email } = await signUp(app);
    const client = app.client();
    expect(await client.tokens()).toBeNull();
    await client.auth.login({ body: { email, password: PASSWORD } });
    expect(await client.tokens()).toEqual({ access: expect.any(String), refresh: expect.stringMatching(/^rt_/) });
    expect((await client.users.me()).email).toBe(email);
  });

  it('refreshes once for ten concurrent calls made with an expired access token', async () => {
    const { calls, fetchImpl } = countingFetch();
    const store = memoryTokenStore();
    const client = createNexusClient({ baseUrl: app.baseUrl, tokenStore: store, fetch: fetchImpl });
    const email = uniqueEmail();
    const session = await client.auth.register({
      body: { email, password: PASSWORD, first_name: 'S', last_name: 'F' },
    });
    await store.set({ access: await expiredAccessFor(app, session.access), refresh: session.refresh });
    const before = await store.get();
    const results = await Promise.all(Array.from({ length: 10 }, () => client.users.me()));
    expect(results.every((user) => user.email === email)).toBe(true);
    expect(calls.refresh).toBe(1);
    const after = await store.get();
    expect(after?.refresh).not.toBe(before?.refresh);
  });

  it('ends the session when the server refuses the refresh, and surfaces the original 401 as a typed error', async () => {
    const onSessionEnd = vi.fn();
    const store = memoryTokenStore();
    const client = app.client({ onSessionEnd, tokenStore: store });
    const email = uniqueEmail();
    const session = await client.auth.register({
      body: { email, password: PASSWORD, first_name: 'R', last_name: 'X' },
    });
    await store.set({ access: await expiredAccessFor(app, session.access), refresh: session.refresh });
    // Another device replays the refresh token after it rotated: the family is revoked.
    await app.fetch('/api/v1/auth/token/refresh', { method: 'POST', json: { refresh: session.refresh } });
    await app.fetch('/api/v1/auth/token/refresh', { method: 'POST', json: { refresh: session.refresh } });
    const error = await client.users.me().catch((e: unknown) => e);
    expect(isNexusError(error, 'token_expired', 'token_revoked')).toBe(true);
    expect(onSessionEnd).toHaveBeenCalledTimes(1);
    expect(await client.tokens()).toBeNull();
  });

  it('logs out: the server revokes the login and the client forgets the tokens', async () => {
    const { client, refresh } = await signUp(app);
    await client.logout();
    expect(await client.tokens()).toBeNull();
    const replay = await app.fetch('/api/v1/auth/token/refresh', { method: 'POST', json: { refresh } });
    expect(replay.status).toBe(401);
  });
});

describe('errors', () => {
  it('throws NexusApiError with the problem body and its code', async () => {
    const { email } = await signUp(app);
    const error = await app
      .client()
      .auth.register({ body: { email, password: PASSWORD, first_name: 'D', last_name: 'Up' } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NexusApiError);
    expect((error as NexusApiError).status).toBe(409);
    expect((error as NexusApiError).code).toBe('email_taken');
    expect((error as NexusApiError).problem.request_id).toEqual(expect.any(String));
  });

  it('offers raw { status, body } results typed per operation', async () => {
    const { email } = await signUp(app);
    const result = await app
      .client()
      .raw.auth.register({ body: { email, password: PASSWORD, first_name: 'D', last_name: 'Up' } });
    expect(result.status).toBe(409);
    if (result.status === 409) {
      // Exactly the 409 codes of this operation: the email is taken, or a concurrent write got in the way.
      const code: 'email_taken' | 'conflict' | 'write_conflict' = result.body.code;
      expect(code).toBe('email_taken');
    }
  });
});

describe('products.iterate', () => {
  it('yields every matching product once, in order, across cursor pages', async () => {
    const admin = await signUp(app);
    await app.db.updateTable('users').set({ role: 'admin' }).where('id', '=', admin.user.id).execute();
    const adminClient = app.client();
    await adminClient.auth.login({ body: { email: admin.email, password: PASSWORD } });
    const category = await adminClient.categories.create({ body: { name: 'Iterables' } });
    for (let i = 0; i < 7; i += 1)
      await adminClient.products.create({ body: { name: `Iterable ${i}`, price: 10 + i, category_id: category.id } });
    const seen: string[] = [];
    for await (const product of app
      .client()
      .products.iterate({ category: 'iterables', ordering: 'price', page_size: 3 }))
      seen.push(product.name);
    expect(seen).toEqual(Array.from({ length: 7 }, (_, i) => `Iterable ${i}`));
  });
});

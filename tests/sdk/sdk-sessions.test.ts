import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDb } from '@nexus/db';
import { createApp, createLogger } from '@nexus/server';
import { createNexusClient, isNexusError, localStorageTokenStore, memoryTokenStore } from '@nexus/client-sdk';
import { startTestApp, testConfig, type TestApp } from '../support/test-app.js';
import { expiredAccessFor, PASSWORD, uniqueEmail } from '../support/fixtures.js';

let app: TestApp;
// The same server code over a database that does not answer: its refresh answers a real 503.
let outage: { baseUrl: string; close(): Promise<void> };
beforeAll(async () => {
  app = await startTestApp({ LOGIN_MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS: '1' });
  const config = testConfig({ DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none', DATABASE_POOL_WAIT: '1s' });
  const deadDb = createDb({ connectionString: config.DATABASE_URL!, max: 1, connectionTimeoutMs: 1_000 });
  const server = http.createServer(createApp({ db: deadDb, config, logger: createLogger(config) }).app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  outage = {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.close();
      await deadDb.destroy();
    },
  };
});
afterAll(async () => {
  await outage.close();
  await app.close();
});

/** A fetch that sends refreshes to `refreshBase()` and counts them; everything else goes to the app. */
function routedFetch(refreshBase: () => string) {
  const calls = { refresh: 0 };
  const fetchImpl: typeof fetch = (input, init) => {
    const url = new URL(String(input));
    if (url.pathname.endsWith('/auth/token/refresh')) {
      calls.refresh += 1;
      return fetch(refreshBase() + url.pathname, init);
    }
    return fetch(input, init);
  };
  return { calls, fetchImpl };
}

async function expiredSession(tokenStore = memoryTokenStore()) {
  const client = createNexusClient({ baseUrl: app.baseUrl, tokenStore });
  const email = uniqueEmail();
  const session = await client.auth.register({ body: { email, password: PASSWORD, first_name: 'T', last_name: 'S' } });
  await tokenStore.set({ access: await expiredAccessFor(app, session.access), refresh: session.refresh });
  return { email, session, tokenStore };
}

describe('refresh failures that are not a refusal', () => {
  it('keeps the session through a 503 during refresh, answers that 503, and refreshes once the API is back', async () => {
    const { email, tokenStore } = await expiredSession();
    let down = true;
    const { calls, fetchImpl } = routedFetch(() => (down ? outage.baseUrl : app.baseUrl));
    const onSessionEnd = vi.fn();
    const client = createNexusClient({ baseUrl: app.baseUrl, tokenStore, fetch: fetchImpl, onSessionEnd });
    const before = await tokenStore.get();

    const error = await client.users.me().catch((e: unknown) => e);
    expect(isNexusError(error, 'service_unavailable')).toBe(true);
    expect(isNexusError(error) && error.retryAfter).toBeGreaterThan(0);
    expect(onSessionEnd).not.toHaveBeenCalled();
    expect(await tokenStore.get()).toEqual(before);

    down = false;
    expect((await client.users.me()).email).toBe(email);
    expect(calls.refresh).toBe(2);
  });
});

describe('clients sharing one token store (browser tabs)', () => {
  it('refresh once between them, so the server never sees a reused token and both stay signed in', async () => {
    const { email, tokenStore } = await expiredSession();
    const { calls, fetchImpl } = routedFetch(() => app.baseUrl);
    const tabs = [1, 2, 3].map(() => createNexusClient({ baseUrl: app.baseUrl, tokenStore, fetch: fetchImpl }));
    const users = await Promise.all(tabs.map((tab) => tab.users.me()));
    expect(users.map((user) => user.email)).toEqual([email, email, email]);
    expect(calls.refresh).toBe(1);
    expect((await tabs[0]!.users.me()).email).toBe(email);
  });

  it('take turns through navigator.locks with localStorageTokenStore, one store instance per tab', async () => {
    const storage = new Map<string, string>();
    const held = new Map<string, Promise<unknown>>();
    const requested: string[] = [];
    vi.stubGlobal('localStorage', {
      getItem: (key: string) => storage.get(key) ?? null,
      setItem: (key: string, value: string) => void storage.set(key, value),
      removeItem: (key: string) => void storage.delete(key),
    });
    // What the browser provides: an exclusive lock per name, granted in request order across tabs.
    vi.stubGlobal('navigator', {
      locks: {
        request: <T>(name: string, task: () => Promise<T>): Promise<T> => {
          requested.push(name);
          const run = (held.get(name) ?? Promise.resolve()).then(task, task);
          held.set(
            name,
            run.catch(() => undefined),
          );
          return run;
        },
      },
    });
    try {
      const { email } = await expiredSession(localStorageTokenStore());
      const { calls, fetchImpl } = routedFetch(() => app.baseUrl);
      const tabs = [1, 2].map(() =>
        createNexusClient({ baseUrl: app.baseUrl, tokenStore: localStorageTokenStore(), fetch: fetchImpl }),
      );
      const users = await Promise.all(tabs.map((tab) => tab.users.me()));
      expect(users.map((user) => user.email)).toEqual([email, email]);
      expect(calls.refresh).toBe(1);
      expect(requested).toEqual(['nexus.tokens.refresh', 'nexus.tokens.refresh']);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

describe('errors keep the response headers', () => {
  it('tells the app when to retry a rate-limited call (Retry-After)', async () => {
    const client = app.client();
    const email = uniqueEmail();
    await client.auth.register({ body: { email, password: PASSWORD, first_name: 'R', last_name: 'A' } });
    await client.auth.login({ body: { email, password: 'wrong-password' } }).catch(() => undefined);
    const error = await client.auth.login({ body: { email, password: 'wrong-password' } }).catch((e: unknown) => e);
    expect(isNexusError(error, 'rate_limited')).toBe(true);
    if (!isNexusError(error)) return;
    expect(error.retryAfter).toBeGreaterThan(0);
    expect(error.headers.get('x-request-id')).toBe(error.problem.request_id);
  });
});

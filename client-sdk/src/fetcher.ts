import type { ApiFetcher, ApiFetcherArgs } from '@ts-rest/core';
import { api, routeAccess, type TokenPair } from '@nexus/contract';
import type { TokenStore } from './token-store.js';

type Fetch = typeof globalThis.fetch;
type Answer = Awaited<ReturnType<ApiFetcher>>;

async function send(fetchImpl: Fetch, args: ApiFetcherArgs, access?: string): Promise<Answer> {
  const headers: Record<string, string> = { ...args.headers };
  if (access) headers.authorization = `Bearer ${access}`;
  const response = await fetchImpl(args.path, {
    ...args.fetchOptions,
    method: args.method,
    headers,
    ...(args.body !== undefined && args.body !== null ? { body: args.body as string } : {}),
    ...(args.signal ? { signal: args.signal } : {}),
  });
  const type = response.headers.get('content-type') ?? '';
  const body =
    response.status === 204 ? undefined : type.includes('json') ? await response.json() : await response.text();
  return { status: response.status, body, headers: response.headers };
}

const issuesTokens = (args: ApiFetcherArgs) =>
  args.route === api.auth.login || args.route === api.auth.register || args.route === api.auth.refresh;

/**
 * The ts-rest fetcher: adds the bearer token to protected routes, stores the tokens login, register and
 * refresh return, and on a 401 refreshes once and retries. Concurrent 401s share one refresh (single flight),
 * and a request that failed with an access token already replaced just retries with the new one.
 */
export function createAuthFetcher(options: {
  fetch: Fetch;
  store: TokenStore;
  baseUrl: string;
  onSessionEnd?: () => void;
}) {
  const { store } = options;
  let refreshing: Promise<string | null> | null = null;

  const endSession = async () => {
    await store.set(null);
    options.onSessionEnd?.();
  };

  const refresh = (): Promise<string | null> =>
    (refreshing ??= (async () => {
      const tokens = await store.get();
      if (!tokens) return null;
      const answer = await send(options.fetch, {
        route: api.auth.refresh,
        path: options.baseUrl.replace(/\/$/, '') + api.auth.refresh.path,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ refresh: tokens.refresh }),
        rawBody: { refresh: tokens.refresh },
        rawQuery: undefined,
        contentType: 'application/json',
      });
      if (answer.status !== 200) {
        await endSession();
        return null;
      }
      await store.set(answer.body as TokenPair);
      return (answer.body as TokenPair).access;
    })().finally(() => {
      refreshing = null;
    }));

  const fetcher: ApiFetcher = async (args) => {
    if (routeAccess(args.route) === 'public') {
      const answer = await send(options.fetch, args);
      if (issuesTokens(args) && answer.status < 300) {
        const { access, refresh: refreshToken } = answer.body as TokenPair;
        await store.set({ access, refresh: refreshToken });
      }
      if (args.route === api.auth.logout && answer.status === 204) await endSession();
      return answer;
    }
    const usedAccess = (await store.get())?.access;
    const answer = await send(options.fetch, args, usedAccess);
    if (answer.status !== 401 || !usedAccess) return answer;
    const current = (await store.get())?.access;
    const freshAccess = current && current !== usedAccess ? current : await refresh();
    return freshAccess ? send(options.fetch, args, freshAccess) : answer;
  };
  return fetcher;
}

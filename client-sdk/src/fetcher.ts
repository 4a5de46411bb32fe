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

type RefreshOutcome = { access: string } | { ended: true } | { failed: Answer };

/**
 * The ts-rest fetcher: adds the bearer token to protected routes, stores the tokens login, register and
 * refresh return, and on a 401 refreshes once and retries. Concurrent 401s share one refresh (single flight);
 * clients sharing a token store (browser tabs) take turns through `store.exclusive`, and one that finds the
 * token already replaced by another simply uses it. Only a refresh the server refuses (401, or 403 for a
 * deactivated account) ends the session; a 503, a 429 or a network error leaves it intact and is what the
 * call answers.
 */
export function createAuthFetcher(options: {
  fetch: Fetch;
  store: TokenStore;
  baseUrl: string;
  onSessionEnd?: () => void;
}) {
  const { store } = options;
  let refreshing: Promise<RefreshOutcome> | null = null;

  const endSession = async () => {
    await store.set(null);
    options.onSessionEnd?.();
  };

  const refreshOnce = async (usedAccess: string): Promise<RefreshOutcome> => {
    const tokens = await store.get();
    if (!tokens) return { ended: true };
    if (tokens.access !== usedAccess) return { access: tokens.access };
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
    if (answer.status === 200) {
      await store.set(answer.body as TokenPair);
      return { access: (answer.body as TokenPair).access };
    }
    if (answer.status === 401 || answer.status === 403) {
      await endSession();
      return { ended: true };
    }
    return { failed: answer };
  };

  const refresh = (usedAccess: string): Promise<RefreshOutcome> =>
    (refreshing ??= (
      store.exclusive ? store.exclusive(() => refreshOnce(usedAccess)) : refreshOnce(usedAccess)
    ).finally(() => {
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
    const outcome = await refresh(usedAccess);
    if ('access' in outcome) return send(options.fetch, args, outcome.access);
    return 'failed' in outcome ? outcome.failed : answer;
  };
  return fetcher;
}

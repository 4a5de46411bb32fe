import type { ApiFetcher, ApiFetcherArgs } from '@ts-rest/core';
import { api, isIdempotentRoute, routeAccess, type TokenPair } from '@nexus/contract';
import type { TokenStore } from './token-store.js';

type Fetch = typeof globalThis.fetch;
type Answer = Awaited<ReturnType<ApiFetcher>>;

/** Options every SDK call takes besides the contract's own arguments. */
export interface NexusCallOptions {
  /**
   * The Idempotency-Key for a call that takes one (checkout, add to cart, payments): pass your own to make a
   * retry across page loads or processes safe; without it the SDK makes one per call. Ignored on other calls.
   */
  idempotencyKey?: string;
}

export type NexusFetcher = (args: ApiFetcherArgs & NexusCallOptions) => Promise<Answer>;

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
const signsIn = (args: ApiFetcherArgs) => args.route === api.auth.login || args.route === api.auth.register;

/** A fresh Idempotency-Key: one per call, the same for every retry the SDK makes of that call. */
const newIdempotencyKey = () => globalThis.crypto.randomUUID();

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

  // The guest cart token lives in the store when it can, else here.
  let memoryCartToken: string | null = null;
  const getCartToken = async () => (store.getCartToken ? await store.getCartToken() : memoryCartToken);
  const setCartToken = async (token: string | null) => {
    if (store.setCartToken) await store.setCartToken(token);
    else memoryCartToken = token;
  };

  /** Sends a call that takes a bearer token: attached when there is one, refreshed once on a 401. */
  const sendSignedIn = async (args: ApiFetcherArgs, usedAccess: string): Promise<Answer> => {
    const answer = await send(options.fetch, args, usedAccess);
    if (answer.status !== 401) return answer;
    const outcome = await refresh(usedAccess);
    if ('access' in outcome) return send(options.fetch, args, outcome.access);
    return 'failed' in outcome ? outcome.failed : answer;
  };

  const fetcher: NexusFetcher = async ({ idempotencyKey, ...input }) => {
    const access = routeAccess(input.route);
    let args: ApiFetcherArgs = input;
    if (isIdempotentRoute(args.route) && !args.headers['idempotency-key']) {
      args = { ...args, headers: { ...args.headers, 'idempotency-key': idempotencyKey ?? newIdempotencyKey() } };
    }
    if (access === 'public') {
      // Signing in carries the guest cart along: the server merges it into the account's cart.
      const cartToken = signsIn(args) ? await getCartToken() : null;
      if (cartToken && typeof args.body === 'string') {
        const body = JSON.parse(args.body) as Record<string, unknown>;
        if (body.cart_token === undefined) args = { ...args, body: JSON.stringify({ ...body, cart_token: cartToken }) };
      }
      const answer = await send(options.fetch, args);
      if (issuesTokens(args) && answer.status < 300) {
        const { access: accessToken, refresh: refreshToken } = answer.body as TokenPair;
        await store.set({ access: accessToken, refresh: refreshToken });
        if (cartToken) await setCartToken(null); // merged and retired
      }
      if (args.route === api.auth.logout && answer.status === 204) await endSession();
      return answer;
    }
    const usedAccess = (await store.get())?.access;
    if (access !== 'optional') return usedAccess ? sendSignedIn(args, usedAccess) : send(options.fetch, args);
    // Guest or customer: a signed-in call ignores the cart token; a guest's call carries it and keeps the new one.
    if (usedAccess) return sendSignedIn(args, usedAccess);
    const cartToken = await getCartToken();
    const guestArgs = cartToken ? { ...args, headers: { ...args.headers, 'x-cart-token': cartToken } } : args;
    let answer = await send(options.fetch, guestArgs);
    if (
      answer.status === 404 &&
      cartToken &&
      (answer.body as { code?: string } | undefined)?.code === 'cart_not_found'
    ) {
      // The guest cart expired or was merged: forget it and start afresh.
      await setCartToken(null);
      answer = await send(options.fetch, args);
    }
    const issued = (answer.headers as Headers).get('x-cart-token');
    if (issued) await setCartToken(issued);
    return answer;
  };
  return fetcher;
}

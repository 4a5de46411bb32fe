import type { TokenPair } from '@nexus/contract';

/**
 * Where the client keeps the access and refresh tokens. Implement it over cookies, secure storage or a
 * server session; the SDK calls `set(null)` when the session ends.
 */
export interface TokenStore {
  get(): TokenPair | null | Promise<TokenPair | null>;
  set(tokens: TokenPair | null): void | Promise<void>;
}

/** Keeps tokens in memory: the default, right for servers and tests. */
export function memoryTokenStore(initial: TokenPair | null = null): TokenStore {
  let tokens = initial;
  return {
    get: () => tokens,
    set: (next) => {
      tokens = next;
    },
  };
}

/** Keeps tokens in `window.localStorage` under `key`, so a browser tab survives reloads. */
export function localStorageTokenStore(key = 'nexus.tokens'): TokenStore {
  return {
    get: () => {
      const raw = globalThis.localStorage?.getItem(key);
      return raw ? (JSON.parse(raw) as TokenPair) : null;
    },
    set: (tokens) => {
      if (tokens) globalThis.localStorage?.setItem(key, JSON.stringify(tokens));
      else globalThis.localStorage?.removeItem(key);
    },
  };
}

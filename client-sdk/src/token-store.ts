import type { TokenPair } from '@nexus/contract';

/**
 * Where the client keeps the access and refresh tokens. Implement it over cookies, secure storage or a
 * server session; the SDK calls `set(null)` when the session ends.
 */
export interface TokenStore {
  get(): TokenPair | null | Promise<TokenPair | null>;
  set(tokens: TokenPair | null): void | Promise<void>;
  /**
   * Runs `task` while no other client sharing this store (another tab, another SDK instance) runs one, so only
   * one of them refreshes: refresh tokens are single-use, and a second refresh of the same token is treated by
   * the server as theft and ends the session everywhere. Optional: without it, clients coordinate in-process only.
   */
  exclusive?<T>(task: () => Promise<T>): Promise<T>;
  /**
   * The guest cart token, kept between visits so a guest's cart survives reloads and follows them into their
   * account on login. Optional: without them the SDK keeps it in memory.
   */
  getCartToken?(): string | null | Promise<string | null>;
  setCartToken?(token: string | null): void | Promise<void>;
}

/** Runs tasks one after another, in-process. */
function serialise(): <T>(task: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return (task) => {
    const run = tail.then(task, task);
    tail = run.catch(() => undefined);
    return run;
  };
}

/** Keeps tokens in memory: the default, right for servers and tests. Clients sharing one store refresh in turn. */
export function memoryTokenStore(initial: TokenPair | null = null): TokenStore {
  let tokens = initial;
  let cartToken: string | null = null;
  return {
    get: () => tokens,
    set: (next) => {
      tokens = next;
    },
    exclusive: serialise(),
    getCartToken: () => cartToken,
    setCartToken: (next) => {
      cartToken = next;
    },
  };
}

interface LockManager {
  request<T>(name: string, callback: () => Promise<T>): Promise<T>;
}

/**
 * Keeps tokens in `window.localStorage` under `key`, so a browser tab survives reloads and tabs share a login.
 * Tabs take turns to refresh through the Web Locks API (`navigator.locks`), where the browser has it.
 */
export function localStorageTokenStore(key = 'nexus.tokens'): TokenStore {
  const inPage = serialise();
  const locks = () => (globalThis as { navigator?: { locks?: LockManager } }).navigator?.locks;
  return {
    get: () => {
      const raw = globalThis.localStorage?.getItem(key);
      return raw ? (JSON.parse(raw) as TokenPair) : null;
    },
    set: (tokens) => {
      if (tokens) globalThis.localStorage?.setItem(key, JSON.stringify(tokens));
      else globalThis.localStorage?.removeItem(key);
    },
    exclusive: (task) => {
      const manager = locks();
      return manager ? manager.request(`${key}.refresh`, task) : inPage(task);
    },
    getCartToken: () => globalThis.localStorage?.getItem(`${key}.cart`) ?? null,
    setCartToken: (token) => {
      if (token) globalThis.localStorage?.setItem(`${key}.cart`, token);
      else globalThis.localStorage?.removeItem(`${key}.cart`);
    },
  };
}

/**
 * @nexus/client-sdk: the typed client of the Nexus Commerce API, derived from its ts-rest contract.
 *
 * ```ts
 * const nexus = createNexusClient({ baseUrl: 'http://localhost:3000' });
 * await nexus.auth.login({ body: { email, password } });
 * const me = await nexus.users.me();
 * ```
 */
import { initClient } from '@ts-rest/core';
import { api, type Api, type Image, type Product, type ProductListQueryInput, type TokenPair } from '@nexus/contract';
import { NexusApiError, toProblem } from './errors.js';
import { createAuthFetcher, type NexusFetcher } from './fetcher.js';
import { memoryTokenStore, type TokenStore } from './token-store.js';
import { watchStock, type StockUpdate, type StockWatch, type WatchStockOptions } from './watch-stock.js';

export { NexusApiError, isNexusError } from './errors.js';
export { verifyWebhookSignature } from './webhook-signature.js';
export type { StockUpdate, StockWatch, WatchStockOptions } from './watch-stock.js';
export type { NexusCallOptions } from './fetcher.js';
export { memoryTokenStore, localStorageTokenStore, type TokenStore } from './token-store.js';
export type * from '@nexus/contract';

export interface NexusClientOptions {
  /** Origin of the API, e.g. `https://api.example.com` (the `/api/v1` prefix is added for you). */
  baseUrl: string;
  /** Where tokens live; in memory by default. */
  tokenStore?: TokenStore;
  /** A fetch implementation; the global one by default. */
  fetch?: typeof globalThis.fetch;
  /**
   * Called when the session ends: logout, or a refresh the server refused (401, or 403 for a deactivated
   * account). A refresh that fails for any other reason (503, 429, the network) keeps the session.
   */
  onSessionEnd?: () => void;
}

type RawClient = ReturnType<typeof initClient<Api, { baseUrl: string; throwOnUnknownStatus: true; api: NexusFetcher }>>;

type SuccessBody<R> = R extends { status: 200 | 201 | 204; body: infer B } ? B : never;

/** Each operation resolves to its success body and throws NexusApiError otherwise. */
export type Unwrapped<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => Promise<infer R>
    ? (...args: A) => Promise<SuccessBody<R>>
    : Unwrapped<T[K]>;
};

/** Query of `products.iterate`: the catalogue query without paging, which the iterator drives. */
export type ProductIterateQuery = Omit<ProductListQueryInput, 'cursor' | 'page'>;

/**
 * Routes the SDK does not expose as calls: the ones a provider calls, server to server (`paymentWebhooks`), and
 * the live stock stream, which `products.watchStock` reads.
 */
type ServerToServer = 'paymentWebhooks' | 'stock';

/** Options of `products.images.upload`. */
export interface ImageUploadOptions {
  /** Text for screen readers. */
  alt?: string;
  /** The file name sent (for the server's logs; the type is judged by the content). Default: the File's own name. */
  fileName?: string;
}

type ProductCalls = Unwrapped<RawClient['products']>;

export type NexusClient = Omit<Unwrapped<RawClient>, 'products' | ServerToServer> & {
  products: Omit<ProductCalls, 'images'> & {
    images: Omit<ProductCalls['images'], 'upload'> & {
      /**
       * Uploads an image of a product (admin) from a browser `File`/`Blob` or a Node `Blob`, as
       * multipart/form-data: `await nexus.products.images.upload(productId, input.files[0], { alt: 'Front' })`.
       * Thumbnails follow in the background (`thumbnails` are null until then).
       */
      upload(productId: string, file: Blob, options?: ImageUploadOptions): Promise<Image>;
    };
    /**
     * Every product matching the query, fetched page by page by keyset cursor (constant cost however deep):
     * `for await (const product of nexus.products.iterate({ category: 'laptops' })) { … }`.
     */
    iterate(query?: ProductIterateQuery): AsyncGenerator<Product, void, undefined>;
    /**
     * Live stock of a product: `onStock` gets each variant's stock now, then every change, from any server
     * process (`const watch = nexus.products.watchStock(id, ({ stock }) => render(stock)); … watch.close()`).
     */
    watchStock(productId: string, onStock: (update: StockUpdate) => void, options?: WatchStockOptions): StockWatch;
  };
  /** The same operations answering `{ status, body }` unions: every error code is typed per operation. */
  raw: RawClient;
  /** The token pair currently stored, if any. */
  tokens(): Promise<TokenPair | null>;
  /** Logs out on the server (revoking this login) and forgets the tokens. */
  logout(): Promise<void>;
};

function unwrap<T extends object>(raw: T): Unwrapped<T> {
  return Object.fromEntries(
    Object.entries(raw).map(([key, value]) => [
      key,
      typeof value === 'function'
        ? async (...args: unknown[]) => {
            const { status, body, headers } = (await value(...args)) as {
              status: number;
              body: unknown;
              headers: Headers;
            };
            if (status >= 200 && status < 300) return body;
            throw new NexusApiError(status, toProblem(status, body), headers);
          }
        : unwrap(value as object),
    ]),
  ) as Unwrapped<T>;
}

/** Creates a client for one API origin. */
export function createNexusClient(options: NexusClientOptions): NexusClient {
  const store = options.tokenStore ?? memoryTokenStore();
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const fetcher = createAuthFetcher({
    fetch: options.fetch ?? globalThis.fetch.bind(globalThis),
    store,
    baseUrl,
    ...(options.onSessionEnd ? { onSessionEnd: options.onSessionEnd } : {}),
  });
  const raw = initClient(api, { baseUrl, throwOnUnknownStatus: true, api: fetcher }) as RawClient;
  const unwrapped = unwrap(raw);
  const operations: Omit<typeof unwrapped, ServerToServer> & Partial<typeof unwrapped> = { ...unwrapped };
  delete operations.paymentWebhooks;
  delete operations.stock;
  const fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
  async function* iterate(query: ProductIterateQuery = {}): AsyncGenerator<Product, void, undefined> {
    let page = await unwrapped.products.list({ query });
    yield* page.results;
    while (page.next_cursor) {
      page = await unwrapped.products.list({ query: { ...query, cursor: page.next_cursor } });
      yield* page.results;
    }
  }
  const upload = (productId: string, file: Blob, uploadOptions: ImageUploadOptions = {}) => {
    const form = new FormData();
    if (uploadOptions.alt !== undefined) form.append('alt', uploadOptions.alt);
    const name = uploadOptions.fileName ?? (file as Partial<File>).name ?? 'upload';
    form.append('file', file, name);
    // A FormData body goes out as it is (ts-rest would JSON-encode the text fields of a plain object).
    return unwrapped.products.images.upload({ params: { id: productId }, body: form as never });
  };
  return {
    ...operations,
    products: {
      ...unwrapped.products,
      images: { ...unwrapped.products.images, upload },
      iterate,
      watchStock: (productId, onStock, watchOptions) =>
        watchStock({ baseUrl, fetch: fetchImpl }, productId, onStock, watchOptions),
    },
    raw,
    tokens: async () => store.get(),
    logout: async () => {
      const tokens = await store.get();
      if (tokens) await raw.auth.logout({ body: { refresh: tokens.refresh } });
      await store.set(null);
    },
  };
}

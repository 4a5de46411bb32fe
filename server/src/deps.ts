import type { AppRouter } from '@ts-rest/core';
import type { createExpressEndpoints } from '@ts-rest/express';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { DB } from '@nexus/db';
import type { Config } from './config.js';
import type { AttemptThrottle } from './modules/auth/attempt-throttle.js';
import type { PasswordHasher } from './modules/auth/passwords.js';
import type { TokenService } from './modules/auth/tokens.js';
import type { CacheStore } from './modules/catalogue-cache/cache-store.js';
import type { PaymentProviders } from './modules/payments/providers/payment-providers.js';
import type { StockHub } from './modules/stock/stock-hub.js';
import type { MediaStorage } from './modules/images/media-storage.js';

/** What route modules receive: built once in createApp, never imported as globals. */
export interface Deps {
  db: Kysely<DB>;
  config: Config;
  logger: Logger;
  passwords: PasswordHasher;
  tokens: TokenService;
  /** Attempt counters for logins and registrations (PostgreSQL, or Redis when REDIS_URL is set). */
  throttle: AttemptThrottle;
  /** Catalogue response cache; undefined when RESPONSE_CACHE=off. */
  cache?: CacheStore;
  /** Exact counts per catalogue version and filters: always on, so no page-mode request pays for count(*) twice. */
  countCache: CacheStore;
  /** Live stock for SSE subscribers (LISTEN/NOTIFY); undefined when the app was built without a database URL. */
  stock?: StockHub;
  /** The payment providers enabled by the configuration. */
  payments: PaymentProviders;
  /** Where product images are stored (local disk or S3) and the URLs they are served at. */
  media: MediaStorage;
}

/** The handlers implementing a contract router (ts-rest does not export this type by name). */
export type RouterFor<R extends AppRouter> = Parameters<typeof createExpressEndpoints<R>>[1];

import cors from 'cors';
import express, { type Express } from 'express';
import helmet from 'helmet';
import { Redis } from 'ioredis';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { createExpressEndpoints } from '@ts-rest/express';
import { API_PREFIX, api } from '@nexus/contract';
import type { DB } from '@nexus/db';
import { corsOrigins, trustProxySetting, type Config } from './config.js';
import type { Deps } from './deps.js';
import { authenticate } from './http/authenticate.js';
import { adminDashboardRouter } from './http/admin-dashboard.js';
import { docsRouter } from './http/docs.js';
import { createMetrics, type Metrics } from './http/metrics.js';
import { errorHandler, notFound, requestValidationError } from './http/error-handler.js';
import { healthRouter } from './http/health.js';
import { pathAliases } from './http/path-aliases.js';
import { problemJson } from './http/problem-json.js';
import { requestId } from './http/request-id.js';
import { watchClient } from './http/request-signal.js';
import { requestLog } from './http/request-log.js';
import { authRouter } from './modules/auth/auth.routes.js';
import { createPostgresThrottle } from './modules/auth/attempt-throttle.js';
import { createRedisThrottle } from './modules/auth/attempt-throttle.redis.js';
import { shedHeavyLoad } from './http/load-shedding.js';
import { rateLimit } from './http/rate-limit.js';
import { readRequestInput } from './http/request-input.js';
import { createPasswordHasher } from './modules/auth/passwords.js';
import { createTokenService } from './modules/auth/tokens.js';
import { usersRouter } from './modules/users/users.routes.js';
import { sessionsRouter } from './modules/auth/sessions.routes.js';
import { mailRouter } from './modules/mail/mail.routes.js';
import { webhooksRouter } from './modules/webhooks/webhooks.routes.js';
import { stockRouter } from './modules/stock/stock.routes.js';
import { deliveriesRouter } from './modules/deliveries/deliveries.routes.js';
import { statsRouter } from './modules/stats/stats.routes.js';
import { createStockHub } from './modules/stock/stock-hub.js';
import { memoryCacheStore, redisCacheStore, type CacheStore } from './modules/catalogue-cache/cache-store.js';
import { catalogueCache } from './modules/catalogue-cache/catalogue-cache.js';
import { categoriesRouter } from './modules/categories/categories.routes.js';
import { productsRouter } from './modules/products/products.routes.js';
import { cartsRouter } from './modules/carts/carts.routes.js';
import { ordersRouter } from './modules/orders/orders.routes.js';
import { reviewsRouter } from './modules/reviews/reviews.routes.js';
import { wishlistRouter } from './modules/wishlist/wishlist.routes.js';
import { paymentsRouter } from './modules/payments/payments.routes.js';
import { paymentWebhooksRouter } from './modules/payments/payment-webhooks.routes.js';
import { createPaymentProviders } from './modules/payments/providers/payment-providers.js';
import { createMediaStorage } from './modules/images/media-storage.js';
import { mediaRouter } from './modules/images/media.routes.js';

export interface AppOptions {
  db: Kysely<DB>;
  /** A separate small pool for /readyz, so readiness stays truthful while the main pool is saturated. */
  healthDb?: Kysely<DB>;
  config: Config;
  logger: Logger;
  /** The database's URL, for the LISTEN connection of live stock; without it the SSE stream answers 503. */
  databaseUrl?: string;
}

export interface NexusApp {
  app: Express;
  deps: Deps;
  /** Served at /metrics here, or by the caller on METRICS_PORT. */
  metrics: Metrics;
  /** Releases what createApp opened (the Redis connection); the caller owns and closes the database. */
  close(): Promise<void>;
}

/** Builds the Express app over a database; it does not listen, so tests can serve it on port 0. */
export function createApp({ db, healthDb = db, config, logger, databaseUrl }: AppOptions): NexusApp {
  const redis = config.REDIS_URL
    ? new Redis(config.REDIS_URL, { lazyConnect: false, maxRetriesPerRequest: 2 })
    : undefined;
  const cacheKind = config.RESPONSE_CACHE === 'auto' ? (redis ? 'redis' : 'memory') : config.RESPONSE_CACHE;
  const cacheOptions = {
    ttlSeconds: config.RESPONSE_CACHE_TTL,
    maxEntries: config.RESPONSE_CACHE_MAX_ENTRIES,
    prefix: `${config.REDIS_KEY_PREFIX}cache:`,
  };
  const cache: CacheStore | undefined =
    cacheKind === 'off'
      ? undefined
      : cacheKind === 'redis' && redis
        ? redisCacheStore(redis, cacheOptions)
        : memoryCacheStore(cacheOptions);
  const countCache = redis
    ? redisCacheStore(redis, { ...cacheOptions, prefix: `${config.REDIS_KEY_PREFIX}count:` })
    : memoryCacheStore(cacheOptions);
  const deps: Deps = {
    cache,
    countCache,
    db,
    config,
    logger,
    passwords: createPasswordHasher(config),
    tokens: createTokenService(config),
    throttle: redis ? createRedisThrottle(redis, config.REDIS_KEY_PREFIX) : createPostgresThrottle(db),
    payments: createPaymentProviders(config, logger),
    media: createMediaStorage(config),
    stock: databaseUrl ? createStockHub(databaseUrl, config.SSE_MAX_SUBSCRIBERS, logger) : undefined,
  };

  const app = express();
  app.disable('x-powered-by');
  // Catalogue ETags come from the catalogue version (catalogueCache); everything else is no-store.
  app.set('etag', false);
  app.set('trust proxy', trustProxySetting(config.TRUST_PROXY));
  const metrics = createMetrics(db);
  app.use(watchClient(), requestId(), problemJson(), requestLog(logger), metrics.track);
  if (!config.METRICS_PORT) app.get('/metrics', (req, res) => void metrics.serve(req, res));
  app.use(
    helmet({
      // Plain-HTTP development must still load Swagger UI's assets; HSTS only makes sense behind TLS in production.
      contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } },
      strictTransportSecurity: config.NODE_ENV === 'production',
    }),
  );
  const origins = corsOrigins(config.CORS_ORIGINS);
  app.use(
    cors({
      origin: origins === '*' ? '*' : origins,
      exposedHeaders: [
        'X-Request-Id',
        'Retry-After',
        'WWW-Authenticate',
        'ETag',
        'Location',
        'RateLimit-Limit',
        'RateLimit-Remaining',
        'RateLimit-Reset',
        'RateLimit-Policy',
        'X-RateLimit-Limit',
        'X-RateLimit-Remaining',
        'X-RateLimit-Reset',
        'X-Cart-Token',
        'Idempotent-Replayed',
      ],
      maxAge: 600,
    }),
  );
  app.use(pathAliases());
  app.use(
    healthRouter(healthDb),
    docsRouter({
      swaggerUi: config.DOCS === 'on',
      dashboard: config.ADMIN_DIR !== 'off',
      publicUrl: config.PUBLIC_URL,
    }),
    mediaRouter(deps.media),
    adminDashboardRouter({ dir: config.ADMIN_DIR, mediaBaseUrl: deps.media.baseUrl, logger }),
  );
  app.use(API_PREFIX, rateLimit({ config, redis, logger }));
  // Personal and admin answers must never sit in a shared cache; catalogue reads (route metadata) override it.
  app.use('/api', (_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });

  createExpressEndpoints(
    api,
    {
      auth: authRouter(deps),
      users: usersRouter(deps),
      sessions: sessionsRouter(deps),
      categories: categoriesRouter(deps),
      products: productsRouter(deps),
      cart: cartsRouter(deps),
      orders: ordersRouter(deps),
      reviews: reviewsRouter(deps),
      wishlist: wishlistRouter(deps),
      payments: paymentsRouter(deps),
      paymentWebhooks: paymentWebhooksRouter(deps),
      mail: mailRouter(deps),
      webhooks: webhooksRouter(deps),
      stock: stockRouter(deps),
      deliveries: deliveriesRouter(deps),
      stats: statsRouter(deps),
    },
    app,
    {
      logInitialization: false,
      responseValidation: true,
      // In order: who may call (before anything is read), the body and query as the contract declares them, a
      // slot for heavy reads (or 503), then conditional GETs and cached bodies; ts-rest validates after these.
      globalMiddleware: [
        authenticate(deps),
        readRequestInput(config),
        shedHeavyLoad(config),
        catalogueCache({ db, store: cache, logger }),
      ],
      requestValidationErrorHandler: (err, _req, _res, next) => next(requestValidationError(err)),
    },
  );

  app.use(notFound(), errorHandler(logger));
  return {
    app,
    deps,
    metrics,
    close: async () => {
      await deps.stock?.close();
      await redis?.quit();
    },
  };
}

import { randomBytes } from 'node:crypto';
import { z } from 'zod';

const DURATION_UNITS = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86_400 } as const;

/** `900`, `15m`, `7d`, `500ms` → seconds. */
const Duration = z
  .string()
  .trim()
  .regex(/^\d+(ms|s|m|h|d)?$/, 'must be a duration such as 900, 90s, 15m, 12h or 7d')
  .transform((value) => {
    const [, amount, unit] = /^(\d+)(ms|s|m|h|d)?$/.exec(value)!;
    return Number(amount) * DURATION_UNITS[(unit ?? 's') as keyof typeof DURATION_UNITS];
  });

const PositiveInt = z.coerce.number().int().positive();

/** `1mb`, `512kb`, `1048576` → bytes. */
const ByteSize = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^\d+(b|kb|mb)?$/, 'must be a size such as 1048576, 512kb or 1mb')
  .transform((value) => {
    const [, amount, unit] = /^(\d+)(b|kb|mb)?$/.exec(value)!;
    return Number(amount) * { b: 1, kb: 1024, mb: 1024 * 1024 }[(unit ?? 'b') as 'b' | 'kb' | 'mb'];
  });

/** An absolute http(s) URL: `localhost:4318` parses as a URL too (scheme `localhost:`), and would fail only later. */
const HttpUrl = (example: string) =>
  z.string().refine((value) => {
    try {
      return ['http:', 'https:'].includes(new URL(value).protocol);
    } catch {
      return false;
    }
  }, `must be an http:// or https:// URL (${example})`);

/** Every environment variable the server reads. `.env.example` documents each one. */
const ConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  // Server processes on this machine (node cluster); each has its own pool of DATABASE_POOL_MAX connections.
  WEB_CONCURRENCY: PositiveInt.default(1),
  DATABASE_URL: z.string().url().optional(),
  DATABASE_POOL_MAX: PositiveInt.default(10),
  DATABASE_STATEMENT_TIMEOUT: Duration.default('10s'),
  DATABASE_LOCK_TIMEOUT: Duration.default('5s'),
  // Load shedding: callers allowed to wait for a busy pool, and how long; one more gets 503 at once.
  DATABASE_POOL_QUEUE: z.coerce.number().int().min(0).default(40),
  DATABASE_POOL_WAIT: Duration.default('2s'),
  // Routes the contract marks `cost: 'heavy'` (search, filtered counts) that may run at once per process;
  // default a third of the pool, so cheap reads always find a connection.
  DATABASE_HEAVY_MAX: PositiveInt.optional(),
  // Production runs on DATABASE_URL; the embedded PostgreSQL there only when asked for in so many words.
  EMBEDDED_PG: z.enum(['true', 'false']).default('false'),
  EMBEDDED_PG_DATA_DIR: z.string().default('.data/postgres'),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
  // auto: load the demo catalogue on the first start of the embedded database (never into DATABASE_URL).
  SEED_DEMO_DATA: z.enum(['auto', 'true', 'false']).default('auto'),
  REDIS_URL: z.string().url().optional(),
  REDIS_KEY_PREFIX: z.string().default('nexus:'),
  // Catalogue response cache: auto = Redis when REDIS_URL is set, else in-process; off = ETags only.
  RESPONSE_CACHE: z.enum(['auto', 'memory', 'redis', 'off']).default('auto'),
  RESPONSE_CACHE_TTL: Duration.default('60s'),
  RESPONSE_CACHE_MAX_ENTRIES: PositiveInt.default(10_000),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  JWT_ISSUER: z.string().default('nexus-commerce'),
  JWT_AUDIENCE: z.string().default('nexus-commerce-api'),
  JWT_ACCESS_TTL: Duration.default('15m'),
  JWT_REFRESH_TTL: Duration.default('7d'),
  ARGON2_MEMORY_KIB: PositiveInt.default(19_456),
  ARGON2_TIME_COST: PositiveInt.default(2),
  // Failed logins per window: one account from one address is locked out (only that address is affected);
  // one account from anywhere, or one address for any account, is slowed (delays doubling up to the maximum).
  LOGIN_MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS: PositiveInt.default(5),
  LOGIN_MAX_FAILURES_PER_ACCOUNT: PositiveInt.default(20),
  LOGIN_MAX_FAILURES_PER_IP: PositiveInt.default(100),
  LOGIN_THROTTLE_WINDOW: Duration.default('15m'),
  LOGIN_SLOWDOWN_BASE: Duration.default('1s'),
  LOGIN_SLOWDOWN_MAX: Duration.default('30s'),
  // Registrations (successful or not) per client address per window.
  REGISTER_MAX_PER_IP: PositiveInt.default(20),
  REGISTER_WINDOW: Duration.default('1h'),
  // Every /api/v1 request, per client address (0 turns it off). Per process unless REDIS_URL is set.
  RATE_LIMIT: z.coerce.number().int().min(0).default(600),
  RATE_LIMIT_WINDOW: Duration.default('1m'),
  // Requests one address may have in flight at once, per process (0 turns it off): a burst from one client is
  // answered 429 before it can take the database pool from everyone else.
  RATE_LIMIT_CONCURRENCY: z.coerce.number().int().min(0).default(20),
  // The store's currency (ISO 4217): every price, cart and order is in it.
  STORE_CURRENCY: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as USD')
    .default('USD'),
  // Guest carts untouched this long are deleted.
  GUEST_CART_TTL: Duration.default('30d'),
  // Stripe: a secret (or restricted) key enables the `stripe` provider; its webhooks are verified with the
  // endpoint's signing secret. STRIPE_API_BASE points the client elsewhere (stripe-mock, a local stand-in).
  STRIPE_SECRET_KEY: z
    .string()
    .trim()
    .regex(
      /^(sk|rk)_(test|live)_\S+$/,
      'must be a Stripe secret key (sk_test_…, sk_live_… or rk_…), not the publishable pk_ key',
    )
    .optional(),
  STRIPE_WEBHOOK_SECRET: z
    .string()
    .trim()
    .regex(/^whsec_\S+$/, 'must be a webhook signing secret (whsec_…)')
    .optional(),
  STRIPE_API_BASE: z.string().url().optional(),
  // Production without a provider refuses to start unless this says payments are taken outside the API only
  // (bank transfer, cash: an admin marks orders paid).
  PAYMENTS_MANUAL_ONLY: z.enum(['true', 'false']).default('false'),
  // Background work (event delivery): inline = inside each server process; only = this process is a worker
  // and serves no HTTP; off = an API-only process (run workers elsewhere).
  WORKER: z.enum(['inline', 'only', 'off']).default('inline'),
  // Attempts per delivery (e-mail, webhook) before it is kept as dead; retries back off exponentially with
  // jitter from DELIVERY_RETRY_DELAY.
  DELIVERY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  DELIVERY_RETRY_DELAY: Duration.default('10s'),
  // A delivery job held longer than this is presumed to have lost its worker (a crash) and is retried.
  DELIVERY_JOB_EXPIRY: Duration.default('120s'),
  // Live stock streams (SSE) one process holds at once; more are answered 503.
  SSE_MAX_SUBSCRIBERS: PositiveInt.default(1000),
  // RabbitMQ: when set, every event is also published to the topic exchange nexus.events (routing key = type).
  AMQP_URL: z.string().url().optional(),
  // Webhook targets on loopback, private or link-local addresses are refused unless this is true.
  WEBHOOKS_ALLOW_PRIVATE: z.enum(['true', 'false']).default('false'),
  // E-mail: through SMTP when set (smtp://user:pass@host:587, smtps://…); otherwise kept in the admin mailbox
  // (GET /api/v1/admin/mail).
  SMTP_URL: z.string().url().optional(),
  // Password reset links: the frontend's page, given `?token=…`; and how long a link works.
  PASSWORD_RESET_URL: z.string().url().default('http://localhost:3000/reset-password'),
  PASSWORD_RESET_TTL: Duration.default('1h'),
  STORE_NAME: z.string().trim().min(1).max(100).default('Nexus Store'),
  MAIL_FROM: z.string().trim().min(3).default('Nexus Store <shop@example.com>'),
  // Product images: on local disk under MEDIA_DIR (served at /media/), or in an S3-compatible bucket when
  // S3_BUCKET is set. MEDIA_BASE_URL is what image URLs start with (a CDN in front, the bucket's public URL);
  // by default this server's /media/ on localhost, or the bucket's path-style URL.
  MEDIA_DIR: z.string().default('.data/media'),
  // /metrics (Prometheus) on this port when set, so it need not be public; else on the main port.
  METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  // OpenTelemetry traces (HTTP, Express, pg) over OTLP/HTTP to this collector when set; unset, tracing is not even
  // loaded. The SDK reads it (and the other OTEL_* variables) itself; listed here to be checked and documented.
  OTEL_EXPORTER_OTLP_ENDPOINT: HttpUrl('OTLP over HTTP, e.g. http://localhost:4318').optional(),
  // The traces' service.name; default nexus-api, or nexus-worker for WORKER=only.
  OTEL_SERVICE_NAME: z.string().trim().min(1).optional(),
  // Swagger UI at /api/docs; `off` hides it (say, in production). The OpenAPI document stays at /api/openapi.json.
  DOCS: z.enum(['on', 'off']).default('on'),
  // This server's public origin, named as the server in /api/openapi.json; unset, the document names the origin it
  // was fetched from (its Host header, and the scheme Express sees: behind TLS termination, set this or TRUST_PROXY).
  PUBLIC_URL: HttpUrl('e.g. https://api.example.com')
    .refine((url) => !/[?#]/.test(url), 'must have no query or fragment (e.g. https://api.example.com)')
    .transform((url) => url.replace(/\/+$/, ''))
    .optional(),
  // The admin dashboard's built files, served at /admin: the workspace's admin/dist when unset; `off` for none.
  ADMIN_DIR: z.string().optional(),
  MEDIA_BASE_URL: z.string().url().optional(),
  IMAGE_MAX_BYTES: ByteSize.default('10mb'),
  S3_BUCKET: z.string().trim().min(3).max(63).optional(),
  S3_ENDPOINT: z.string().url().optional(),
  S3_REGION: z.string().default('us-east-1'),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  S3_FORCE_PATH_STYLE: z.enum(['true', 'false']).default('true'),
  CORS_ORIGINS: z.string().default('*'),
  BODY_LIMIT: ByteSize.default('1mb'),
  TRUST_PROXY: z.string().default('false'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SHUTDOWN_TIMEOUT: Duration.default('10s'),
  ADMIN_EMAIL: z.string().trim().toLowerCase().email().optional(),
  ADMIN_PASSWORD: z.string().min(8).max(128).optional(),
});

export type Config = Readonly<Omit<z.output<typeof ConfigSchema>, 'JWT_SECRET'> & { JWT_SECRET: string }>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
  }
}

/**
 * Parses the environment once. Every bad variable is reported, one line each.
 * Without JWT_SECRET outside production a random one is generated, and `warnings` says so.
 */
// Checked on the raw environment so they are reported together with every per-variable problem.
function crossFieldProblems(env: NodeJS.ProcessEnv): string[] {
  const problems: string[] = [];
  if ((env.NODE_ENV ?? 'development') === 'production' && !env.JWT_SECRET)
    problems.push('JWT_SECRET: is required when NODE_ENV=production');
  if ((env.NODE_ENV ?? 'development') === 'production' && !env.DATABASE_URL && env.EMBEDDED_PG !== 'true')
    problems.push(
      'DATABASE_URL: is required when NODE_ENV=production (an embedded PostgreSQL on local disk is no production database; EMBEDDED_PG=true if you really mean it)',
    );
  if (Boolean(env.ADMIN_EMAIL) !== Boolean(env.ADMIN_PASSWORD))
    problems.push('ADMIN_EMAIL, ADMIN_PASSWORD: set both or neither');
  problems.push(...paymentProblems(env));
  if (env.WORKER === 'only' && !env.DATABASE_URL)
    problems.push('WORKER: only needs DATABASE_URL (the embedded database belongs to the one process that starts it)');
  if (Boolean(env.S3_ACCESS_KEY_ID) !== Boolean(env.S3_SECRET_ACCESS_KEY))
    problems.push('S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY: set both or neither');
  if (env.RESPONSE_CACHE === 'redis' && !env.REDIS_URL) problems.push('RESPONSE_CACHE: redis needs REDIS_URL');
  // `true` trusts whatever X-Forwarded-For a client sends: every per-address limit would be the client's choice.
  if (env.TRUST_PROXY?.trim() === 'true') {
    problems.push(
      'TRUST_PROXY: true would trust any X-Forwarded-For; give the number of proxies in front (e.g. 1) or their addresses',
    );
  }
  return problems;
}

function paymentProblems(env: NodeJS.ProcessEnv): string[] {
  const production = (env.NODE_ENV ?? 'development') === 'production';
  const manualOnly = env.PAYMENTS_MANUAL_ONLY === 'true';
  if (env.STRIPE_SECRET_KEY && !env.STRIPE_WEBHOOK_SECRET)
    return ['STRIPE_WEBHOOK_SECRET: is required with STRIPE_SECRET_KEY (payments are confirmed by signed webhooks)'];
  if (env.STRIPE_WEBHOOK_SECRET && !env.STRIPE_SECRET_KEY)
    return ['STRIPE_SECRET_KEY: is required with STRIPE_WEBHOOK_SECRET'];
  if (manualOnly && env.STRIPE_SECRET_KEY)
    return ['PAYMENTS_MANUAL_ONLY: true contradicts STRIPE_SECRET_KEY; unset one of them'];
  // A live key charges real cards: only a deployment that says it is production may hold one.
  if (!production && /^(sk|rk)_live_/.test(env.STRIPE_SECRET_KEY ?? ''))
    return ['STRIPE_SECRET_KEY: a live key needs NODE_ENV=production; use a test key (sk_test_…) elsewhere'];
  if (production && !env.STRIPE_SECRET_KEY && !manualOnly)
    return [
      'STRIPE_SECRET_KEY: production needs a payment provider: set STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET, or PAYMENTS_MANUAL_ONLY=true to take payments outside the API only (admins mark orders paid)',
    ];
  return [];
}

export function loadConfig(rawEnv: NodeJS.ProcessEnv = process.env): { config: Config; warnings: string[] } {
  // `VAR=` (as .env files often have it) means unset, not an empty value.
  const env = Object.fromEntries(Object.entries(rawEnv).filter(([, value]) => value !== ''));
  const parsed = ConfigSchema.safeParse(env);
  const problems = [
    ...(parsed.success
      ? []
      : parsed.error.issues.map((issue) => `${issue.path.join('.') || 'environment'}: ${issue.message}`)),
    ...crossFieldProblems(env),
  ];
  if (!parsed.success || problems.length) throw new ConfigError(problems);
  const warnings: string[] = [];
  let secret = parsed.data.JWT_SECRET;
  if (!secret) {
    secret = randomBytes(48).toString('base64url');
    warnings.push('JWT_SECRET is not set: using a random secret for this process; tokens will not survive a restart.');
  }
  if (parsed.data.NODE_ENV === 'production' && !parsed.data.PUBLIC_URL) {
    warnings.push(
      'PUBLIC_URL is not set: /api/openapi.json names whatever origin each request was sent to (its Host header); set it to this API’s public origin.',
    );
  }
  if (parsed.data.NODE_ENV === 'production' && !parsed.data.MEDIA_BASE_URL && !parsed.data.S3_BUCKET) {
    warnings.push(
      `MEDIA_BASE_URL is not set: image URLs will point at http://localhost:${parsed.data.PORT}/media/; set it to this server's public /media/ URL (or a CDN in front of it).`,
    );
  }
  return { config: Object.freeze({ ...parsed.data, JWT_SECRET: secret }), warnings };
}

/** Loads `.env` from the working directory into process.env, if there is one; the real environment wins. */
export function loadDotEnv(): void {
  try {
    process.loadEnvFile();
  } catch {
    // No .env file: the environment alone configures us.
  }
}

/** Express' `trust proxy` setting from TRUST_PROXY: false, a hop count, or a list of addresses or subnets. */
export function trustProxySetting(value: string): boolean | number | string {
  if (value === 'true' || value === 'false') return value === 'true';
  return /^\d+$/.test(value) ? Number(value) : value;
}

/** CORS_ORIGINS: `*`, or a comma-separated list of exact origins. */
export function corsOrigins(value: string): '*' | string[] {
  const list = value
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  return list.includes('*') ? '*' : list;
}

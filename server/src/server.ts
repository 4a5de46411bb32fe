import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql, type Kysely } from 'kysely';
import {
  createDb,
  migrateToLatest,
  startEmbeddedPostgres,
  type DB,
  type DbOptions,
  type EmbeddedPostgresHandle,
} from '@nexus/db';
import type { Logger } from 'pino';
import { createApp } from './app.js';
import { listenForMetrics } from './http/metrics.js';
import { answerClientErrors } from './http/client-errors.js';
import { startMaintenance } from './maintenance.js';
import { startRefundRetries } from './modules/payments/refunds.js';
import { createMediaStorage } from './modules/images/media-storage.js';
import { startWorker } from './worker.js';
import type { Config } from './config.js';
import { bootstrapAdmin } from './modules/users/admin-bootstrap.js';
import { createPasswordHasher } from './modules/auth/passwords.js';
import { seedDemoCatalogue } from './seed/demo-catalogue.js';
import { seedDemoAdmin } from './seed/demo-admin.js';

export interface RunningServer {
  url: string;
  /** Graceful stop: refuse new connections, finish in-flight requests, close the pool and the embedded database. */
  stop(): Promise<void>;
}

/** DATABASE_URL when set; otherwise a real embedded PostgreSQL kept under EMBEDDED_PG_DATA_DIR. */
export async function openDatabase(
  config: Pick<Config, 'DATABASE_URL' | 'EMBEDDED_PG_DATA_DIR' | 'EMBEDDED_PG_PORT'>,
  logger?: Logger,
): Promise<{ url: string; embedded?: EmbeddedPostgresHandle }> {
  if (config.DATABASE_URL) return { url: config.DATABASE_URL };
  logger?.info(
    { data_dir: config.EMBEDDED_PG_DATA_DIR, port: config.EMBEDDED_PG_PORT },
    'starting embedded PostgreSQL',
  );
  const embedded = await startEmbeddedPostgres({ dataDir: config.EMBEDDED_PG_DATA_DIR, port: config.EMBEDDED_PG_PORT });
  return { url: embedded.url, embedded };
}

/** What must happen once per deployment before serving: migrations, the demo catalogue, the bootstrap admin. */
async function prepare(db: Kysely<DB>, config: Config, logger: Logger, embedded: boolean): Promise<void> {
  const { rows } = await sql<{ encoding: string }>`select current_setting('server_encoding') as encoding`.execute(db);
  if (rows[0]?.encoding !== 'UTF8') {
    logger.error(
      { encoding: rows[0]?.encoding },
      'the database is not UTF-8: accent-insensitive search will not work; recreate it with ENCODING UTF8 (for the embedded one, delete its data directory)',
    );
  }
  const ran = await migrateToLatest(db);
  if (ran.length) logger.info({ migrations: ran }, 'migrated');
  const seed = config.SEED_DEMO_DATA === 'true' || (config.SEED_DEMO_DATA === 'auto' && embedded);
  if (seed && !(await db.selectFrom('categories').select('id').limit(1).executeTakeFirst())) {
    logger.info(
      { ...(await seedDemoCatalogue({ db, media: createMediaStorage(config), logger })) },
      'loaded the demo catalogue',
    );
    await seedDemoAdmin({ db, config, logger, passwords: createPasswordHasher(config) }, { embedded });
  }
  await bootstrapAdmin({ db, config, logger, passwords: createPasswordHasher(config) });
}

/**
 * For a cluster's primary: opens the database (starting the embedded one if needed) and prepares it; the
 * workers then connect to `url` and serve.
 */
export async function prepareDatabase(config: Config, logger: Logger): Promise<{ url: string; stop(): Promise<void> }> {
  const { url, embedded } = await openDatabase(config, logger);
  const db = createDb({ connectionString: url, max: 1 });
  try {
    await prepare(db, config, logger, Boolean(embedded));
  } catch (error) {
    await embedded?.stop();
    throw error;
  } finally {
    await db.destroy();
  }
  return { url, stop: async () => embedded?.stop() };
}

export async function startServer(config: Config, logger: Logger, { prepared = false } = {}): Promise<RunningServer> {
  const { url, embedded } = await openDatabase(config, logger);
  const db = createDb(poolOptions(config, url, logger));
  // Readiness gets its own connection, so a saturated pool never makes a load balancer pull a healthy process.
  const healthDb = createDb(healthPoolOptions(url));
  try {
    if (!prepared) await prepare(db, config, logger, Boolean(embedded));
    const nexus = createApp({ db, healthDb, config, logger, databaseUrl: url });

    let draining = false;
    const server = http.createServer((req, res) => {
      // While draining, a keep-alive connection closes once its response is out, so the drain ends when the
      // last in-flight request does rather than when idle clients happen to hang up.
      if (draining) res.setHeader('Connection', 'close');
      res.once('finish', () => {
        if (draining) setImmediate(() => server.closeIdleConnections());
      });
      nexus.app(req, res);
    });
    answerClientErrors(server);
    const stopMaintenance = startMaintenance(db, config, logger);
    const stopRefundRetries = startRefundRetries(nexus.deps);
    const worker = config.WORKER === 'inline' ? await startWorker(nexus.deps, url) : undefined;
    server.keepAliveTimeout = 65_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.PORT, config.HOST, resolve);
    });
    const metricsServer = config.METRICS_PORT
      ? await listenForMetrics(nexus.metrics, config.METRICS_PORT, config.HOST)
      : undefined;
    const { port } = server.address() as AddressInfo;
    const listenUrl = `http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${port}`;
    logger.info(
      { url: listenUrl, docs: `${listenUrl}/api/docs`, admin: `${listenUrl}/admin`, embedded_db: Boolean(embedded) },
      'listening',
    );

    let stopping: Promise<void> | undefined;
    const stop = () =>
      (stopping ??= (async () => {
        draining = true;
        stopMaintenance();
        stopRefundRetries();
        nexus.app.set('draining', true);
        // Live stock streams never end by themselves: closed first, so the drain waits only for real requests.
        await nexus.deps.stock?.close();
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        const timeout = new Promise<void>((resolve) =>
          setTimeout(() => {
            logger.warn('shutdown timeout: closing remaining connections');
            server.closeAllConnections();
            resolve();
          }, config.SHUTDOWN_TIMEOUT * 1000).unref(),
        );
        await Promise.race([closed, timeout]);
        metricsServer?.closeAllConnections();
        await new Promise<void>((resolve) => (metricsServer ? metricsServer.close(() => resolve()) : resolve()));
        await worker?.stop();
        await nexus.close();
        await healthDb.destroy();
        await db.destroy();
        await embedded?.stop();
        logger.info('stopped');
      })());
    return { url: listenUrl, stop };
  } catch (error) {
    await healthDb.destroy();
    await db.destroy();
    await embedded?.stop();
    throw error;
  }
}

/** The pool of /readyz: one connection of its own, answering within 2 s or not at all. */
export function healthPoolOptions(connectionString: string): DbOptions {
  return {
    connectionString,
    max: 1,
    connectionTimeoutMs: 2_000,
    statementTimeoutMs: 2_000,
    applicationName: 'nexus-health',
  };
}

/** The serving pool: bounded queue and waits (load shedding), timeouts, and a log line for every lost connection. */
export function poolOptions(config: Config, connectionString: string, logger: Logger): DbOptions {
  return {
    connectionString,
    max: config.DATABASE_POOL_MAX,
    maxWaiting: config.DATABASE_POOL_QUEUE,
    connectionTimeoutMs: config.DATABASE_POOL_WAIT * 1000,
    statementTimeoutMs: config.DATABASE_STATEMENT_TIMEOUT * 1000,
    lockTimeoutMs: config.DATABASE_LOCK_TIMEOUT * 1000,
    onConnectionError: (error) => logger.warn({ err: error }, 'database connection lost'),
  };
}

/**
 * `WORKER=only`: a process that delivers events and serves no HTTP, next to API processes running `WORKER=off`
 * (or `inline`). It migrates like the API does (the migrator locks, so processes starting together are safe).
 */
export async function startWorkerProcess(config: Config, logger: Logger): Promise<{ stop(): Promise<void> }> {
  if (!config.DATABASE_URL)
    throw new Error('WORKER=only needs DATABASE_URL: the embedded database belongs to one process');
  const db = createDb(poolOptions(config, config.DATABASE_URL, logger));
  try {
    await migrateToLatest(db);
    const worker = await startWorker({ db, config, logger, media: createMediaStorage(config) }, config.DATABASE_URL);
    return {
      stop: async () => {
        await worker.stop();
        await db.destroy();
      },
    };
  } catch (error) {
    await db.destroy();
    throw error;
  }
}

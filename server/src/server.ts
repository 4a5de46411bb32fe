import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createDb, migrateToLatest, startEmbeddedPostgres, type EmbeddedPostgresHandle } from '@nexus/db';
import type { Logger } from 'pino';
import { createApp } from './app.js';
import type { Config } from './config.js';
import { bootstrapAdmin } from './modules/users/admin-bootstrap.js';
import { seedDemoCatalogue } from './seed/demo-catalogue.js';

export interface RunningServer {
  url: string;
  /** Graceful stop: refuse new connections, finish in-flight requests, close the pool and the embedded database. */
  stop(): Promise<void>;
}

/** DATABASE_URL when set; otherwise a real embedded PostgreSQL kept under EMBEDDED_PG_DATA_DIR. */
async function openDatabase(config: Config, logger: Logger): Promise<{ url: string; embedded?: EmbeddedPostgresHandle }> {
  if (config.DATABASE_URL) return { url: config.DATABASE_URL };
  logger.info({ data_dir: config.EMBEDDED_PG_DATA_DIR, port: config.EMBEDDED_PG_PORT }, 'starting embedded PostgreSQL');
  const embedded = await startEmbeddedPostgres({ dataDir: config.EMBEDDED_PG_DATA_DIR, port: config.EMBEDDED_PG_PORT });
  return { url: embedded.url, embedded };
}

export async function startServer(config: Config, logger: Logger): Promise<RunningServer> {
  const { url, embedded } = await openDatabase(config, logger);
  const db = createDb({
    connectionString: url,
    max: config.DATABASE_POOL_MAX,
    statementTimeoutMs: config.DATABASE_STATEMENT_TIMEOUT * 1000,
    onIdleClientError: (error) => logger.warn({ err: error }, 'idle database connection lost'),
  });
  try {
    const ran = await migrateToLatest(db);
    if (ran.length) logger.info({ migrations: ran }, 'migrated');
    const seed = config.SEED_DEMO_DATA === 'true' || (config.SEED_DEMO_DATA === 'auto' && embedded);
    if (seed && !(await db.selectFrom('categories').select('id').limit(1).executeTakeFirst())) {
      logger.info({ ...(await seedDemoCatalogue(db)) }, 'loaded the demo catalogue');
    }
    const nexus = createApp({ db, config, logger });
    await bootstrapAdmin(nexus.deps);

    const server = http.createServer(nexus.app);
    server.keepAliveTimeout = 65_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.PORT, config.HOST, resolve);
    });
    const { port } = server.address() as AddressInfo;
    const publicUrl = `http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${port}`;
    logger.info({ url: publicUrl, docs: `${publicUrl}/api/docs`, embedded_db: Boolean(embedded) }, 'listening');

    let stopping: Promise<void> | undefined;
    const stop = () =>
      (stopping ??= (async () => {
        nexus.app.set('draining', true);
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
        await nexus.close();
        await db.destroy();
        await embedded?.stop();
        logger.info('stopped');
      })());
    return { url: publicUrl, stop };
  } catch (error) {
    await db.destroy();
    await embedded?.stop();
    throw error;
  }
}

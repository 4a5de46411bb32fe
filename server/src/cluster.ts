import cluster from 'node:cluster';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import { prepareDatabase } from './server.js';

/**
 * WEB_CONCURRENCY > 1: the primary prepares the database once, then forks that many workers sharing the port.
 * Workers get the database URL and the (possibly generated) JWT secret, so tokens and cursors work on any of
 * them; all other shared state is in PostgreSQL (and Redis when set). A crashed worker is replaced.
 */
export async function runPrimary(config: Config, logger: Logger): Promise<void> {
  const database = await prepareDatabase(config, logger);
  const workerEnv = {
    DATABASE_URL: database.url,
    JWT_SECRET: config.JWT_SECRET,
    NEXUS_PREPARED: 'true',
  };
  let stopping = false;
  const fork = () => cluster.fork(workerEnv);
  for (let i = 0; i < config.WEB_CONCURRENCY; i += 1) fork();
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    logger.error({ pid: worker.process.pid, code, signal }, 'worker died; starting another');
    fork();
  });
  logger.info({ workers: config.WEB_CONCURRENCY, pool_per_worker: config.DATABASE_POOL_MAX }, 'cluster started');

  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping workers');
    const exited = Object.values(cluster.workers ?? {}).map(
      (worker) =>
        new Promise<void>((resolve) => {
          worker!.once('exit', () => resolve());
          worker!.process.kill('SIGTERM');
        }),
    );
    await Promise.all(exited);
    await database.stop();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

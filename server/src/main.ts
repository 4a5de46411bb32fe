// The only module with side effects: load config, start, and stop gracefully on SIGTERM/SIGINT.
import { ConfigError, loadConfig, loadDotEnv } from './config.js';
import { createLogger } from './logger.js';
import cluster from 'node:cluster';
import { runPrimary } from './cluster.js';
import { startServer, startWorkerProcess } from './server.js';

loadDotEnv();

let loaded;
try {
  loaded = loadConfig(process.env);
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(78);
  }
  throw error;
}
const { config, warnings } = loaded;
const logger = createLogger(config);
for (const warning of warnings) logger.warn(warning);

if (config.WORKER === 'only') {
  stopOnSignal(await startWorkerProcess(config, logger));
} else if (config.WEB_CONCURRENCY > 1 && cluster.isPrimary) {
  await runPrimary(config, logger);
} else {
  // A cluster worker's primary has already migrated, seeded and bootstrapped.
  stopOnSignal(await startServer(config, logger, { prepared: process.env.NEXUS_PREPARED === 'true' }));
}

/** SIGTERM or SIGINT: stop gracefully, then exit 0 (1 if stopping failed). */
function stopOnSignal(running: { stop(): Promise<void> }): void {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      logger.info({ signal }, 'shutting down');
      running.stop().then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
    });
  }
}

// The only module with side effects: load config, start tracing if asked, start, and stop gracefully on SIGTERM/SIGINT.
import cluster from 'node:cluster';
import { ConfigError, loadConfig, loadDotEnv, type Config } from './config.js';
import { createLogger } from './logger.js';
import type { Tracing } from './telemetry/tracing.js';

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

const clusterPrimary = config.WORKER !== 'only' && config.WEB_CONCURRENCY > 1 && cluster.isPrimary;
// Before anything loads express, pg or http: the instrumentations patch them as they load. Hence the dynamic
// imports below, and none of tracing's modules loaded at all when it is off.
const tracing = clusterPrimary ? undefined : await startTracingIfAsked(config);
const { startServer, startWorkerProcess } = await import('./server.js');

if (config.WORKER === 'only') {
  stopOnSignal(await startWorkerProcess(config, logger));
} else if (clusterPrimary) {
  const { runPrimary } = await import('./cluster.js');
  await runPrimary(config, logger);
} else {
  // A cluster worker's primary has already migrated, seeded and bootstrapped.
  stopOnSignal(await startServer(config, logger, { prepared: process.env.NEXUS_PREPARED === 'true' }));
}

/** OpenTelemetry traces when OTEL_EXPORTER_OTLP_ENDPOINT is set (the cluster's primary serves nothing to trace). */
async function startTracingIfAsked(config: Config): Promise<Tracing | undefined> {
  if (!config.OTEL_EXPORTER_OTLP_ENDPOINT) return undefined;
  const { startTracing } = await import('./telemetry/tracing.js');
  const serviceName = config.OTEL_SERVICE_NAME ?? (config.WORKER === 'only' ? 'nexus-worker' : 'nexus-api');
  logger.info({ endpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT, service: serviceName }, 'tracing');
  return startTracing({ serviceName, logger });
}

/** The last spans out, but a collector that is down or slow delays the exit by SHUTDOWN_TIMEOUT at most. */
async function stopTracing(): Promise<void> {
  if (!tracing) return;
  const timeout = new Promise<void>((resolve) => setTimeout(resolve, config.SHUTDOWN_TIMEOUT * 1000).unref());
  await Promise.race([tracing.shutdown(), timeout]).catch((error: unknown) =>
    logger.warn({ err: error }, 'could not export the last spans'),
  );
}

/** SIGTERM or SIGINT: stop gracefully, then exit 0 (1 if stopping failed). */
function stopOnSignal(running: { stop(): Promise<void> }): void {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      logger.info({ signal }, 'shutting down');
      running.stop().then(
        () => stopTracing().then(() => process.exit(0)),
        (error: unknown) => {
          logger.error({ err: error }, 'shutdown failed');
          void stopTracing().then(() => process.exit(1));
        },
      );
    });
  }
}

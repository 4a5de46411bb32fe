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
  const { redactEndpoint, startTracing } = await import('./telemetry/tracing.js');
  const serviceName = config.OTEL_SERVICE_NAME ?? (config.WORKER === 'only' ? 'nexus-worker' : 'nexus-api');
  logger.info({ endpoint: redactEndpoint(config.OTEL_EXPORTER_OTLP_ENDPOINT), service: serviceName }, 'tracing');
  return startTracing({ serviceName, logger });
}

// A drain that ran out of time cut requests off: their spans are the ones most worth reading, and a collector that
// is up accepts them in milliseconds, so they get this long even then. Past the budget, a collector that is down
// or slow delays the exit by this much at most.
const TRACING_FLUSH_FLOOR_MS = 1_000;

/** The last spans out within what is left of the shutdown budget (`deadline`), or TRACING_FLUSH_FLOOR_MS if more. */
async function stopTracing(deadline: number): Promise<void> {
  if (!tracing) return;
  const budget = Math.max(deadline - Date.now(), TRACING_FLUSH_FLOOR_MS);
  const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), budget).unref());
  const outcome = await Promise.race([tracing.shutdown(), timeout]).catch((error: unknown) =>
    logger.warn({ err: error }, 'could not export the last spans'),
  );
  if (outcome === 'timeout') logger.warn({ waited_ms: budget }, 'shutdown timeout: the last spans may be lost');
}

/** SIGTERM or SIGINT: stop gracefully, then exit 0 (1 if stopping failed). */
function stopOnSignal(running: { stop(): Promise<void> }): void {
  let stopping = false;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    // `on`, not `once`: a second signal must not find Node's default (exit at once, mid-drain). tsx relays a signal
    // again when the child has not exited within 30 ms, and Ctrl-C reaches both pnpm and us; repeats are ignored.
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      // One SHUTDOWN_TIMEOUT for the drain and the last spans together, not one each.
      const deadline = Date.now() + config.SHUTDOWN_TIMEOUT * 1000;
      logger.info({ signal }, 'shutting down');
      running.stop().then(
        () => stopTracing(deadline).then(() => process.exit(0)),
        (error: unknown) => {
          logger.error({ err: error }, 'shutdown failed');
          void stopTracing(deadline).then(() => process.exit(1));
        },
      );
    });
  }
}

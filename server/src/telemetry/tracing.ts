// Loaded only when OTEL_EXPORTER_OTLP_ENDPOINT is set (main.ts imports it dynamically), and before the modules it
// instruments: instrumentations patch express, pg and http as they are required.
import { createRequire } from 'node:module';
import { pgDriverPath } from '@nexus/db/driver';
import { diag, DiagLogLevel } from '@opentelemetry/api';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { ExpressInstrumentation } from '@opentelemetry/instrumentation-express';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { detectResources, envDetector, resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import type { Logger } from 'pino';

export interface Tracing {
  /** Exports every span ended so far. */
  flush(): Promise<void>;
  /** Flushes, then stops tracing. */
  shutdown(): Promise<void>;
}

// Probes and scrapes every few seconds would bury the requests worth reading.
const UNTRACED_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * Traces HTTP (server and client), Express and `pg` to `exporter`: by default OTLP over HTTP, configured by the
 * standard OTEL_EXPORTER_OTLP_* variables. OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES win over `serviceName`.
 */
export function startTracing({
  serviceName,
  exporter,
  logger,
}: {
  serviceName: string;
  exporter?: SpanExporter;
  /** Where the SDK's own warnings go (an unreachable collector, dropped spans); silent without one. */
  logger?: Logger;
}): Tracing {
  if (logger) {
    const log =
      (level: 'warn' | 'error') =>
      (message: string, ...args: unknown[]) =>
        logger[level]({ otel: args.map((arg) => (arg instanceof Error ? arg.message : arg)) }, message);
    diag.setLogger(
      { error: log('error'), warn: log('warn'), info: () => {}, debug: () => {}, verbose: () => {} },
      DiagLogLevel.WARN,
    );
  }
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: serviceName }).merge(
      detectResources({ detectors: [envDetector] }),
    ),
    spanProcessors: [new BatchSpanProcessor(exporter ?? new OTLPTraceExporter())],
  });
  provider.register();
  const unregister = registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request) => UNTRACED_PATHS.has((request.url ?? '').split('?')[0]!),
      }),
      new ExpressInstrumentation(),
      // Pollers (the job queue, maintenance) would make a root span every few seconds; bound values stay out.
      new PgInstrumentation({ requireParentSpan: true }),
    ],
  });
  // The hooks see `require()` only; an ESM `import` of a CommonJS package loads its main file without them.
  // Requiring the packages here patches the very module objects those imports get from the cache. For pg, that is
  // the server's own and the one @nexus/db's pools run on: two files unless pnpm deduplicates them.
  const require = createRequire(import.meta.url);
  for (const name of ['node:http', 'node:https', 'express', 'pg', pgDriverPath]) require(name);
  return {
    flush: () => provider.forceFlush(),
    shutdown: async () => {
      unregister();
      await provider.shutdown();
    },
  };
}

/** `endpoint` fit for a log line: its `user:password@` (basic auth to the collector), query and fragment left out. */
export function redactEndpoint(endpoint: string): string {
  const url = new URL(endpoint);
  url.username = '';
  url.password = '';
  url.search = '';
  url.hash = '';
  return url.href;
}

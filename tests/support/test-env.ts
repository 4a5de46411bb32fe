/**
 * What every test server runs with, in process (startTestApp) or as its own process (spawnServer). One address
 * (127.0.0.1) makes every request of a test file, so the per-address limits are lifted; the tests of those
 * limits turn them on for themselves.
 */
export const TEST_ENV: Record<string, string> = {
  NODE_ENV: 'test',
  JWT_SECRET: 'test-secret-that-is-long-enough-for-hs256-0123456789',
  // Cheaper argon2id so the suite stays fast; production defaults are measured by the benchmark.
  ARGON2_MEMORY_KIB: '4096',
  ARGON2_TIME_COST: '1',
  RATE_LIMIT: '0',
  RATE_LIMIT_CONCURRENCY: '0',
  REGISTER_MAX_PER_IP: '100000',
  // Spawned servers deliver no events; the worker's own tests start it (tests/events/worker.test.ts).
  WORKER: 'off',
};

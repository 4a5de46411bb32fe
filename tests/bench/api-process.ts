import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findFreePort } from '@nexus/db';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BENCH_JWT_SECRET = 'bench-secret-bench-secret-bench-secret-0123456789';

async function waitReady(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 240; i += 1) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    const ready = await fetch(`${url}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('server did not become ready');
}

/**
 * The API as deployed (production mode, warn-level logs) in its own process over `databaseUrl`. Throttles and
 * the per-address limits (budget and requests in flight) are lifted: the load generator is one address standing
 * for many clients.
 */
export async function startApi(
  databaseUrl: string,
  cache: 'memory' | 'off' | 'redis',
  { pool = '10', workers = '1', env = {} }: { pool?: string; workers?: string; env?: Record<string, string> } = {},
) {
  const port = await findFreePort();
  // BENCH_CPU_PROFILE=<dir> writes a V8 CPU profile of the server to <dir> when it stops (open it in Chrome DevTools).
  const profile = process.env.BENCH_CPU_PROFILE
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROFILE}`]
    : [];
  const child = spawn(
    process.execPath,
    [...profile, '--import', 'tsx', '--conditions=@nexus/source', 'server/src/main.ts'],
    {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: {
        ...process.env,
        NODE_ENV: 'production',
        PAYMENTS_MANUAL_ONLY: 'true',
        LOG_LEVEL: 'warn',
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_URL: databaseUrl,
        DATABASE_POOL_MAX: pool,
        JWT_SECRET: BENCH_JWT_SECRET,
        WEB_CONCURRENCY: workers,
        RESPONSE_CACHE: cache,
        SEED_DEMO_DATA: 'false',
        REDIS_URL: cache === 'redis' ? (process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379') : '',
        REDIS_KEY_PREFIX: `nexus-bench-${process.pid}:`,
        RATE_LIMIT: '0',
        RATE_LIMIT_CONCURRENCY: '0',
        REGISTER_MAX_PER_IP: '100000000',
        LOGIN_MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS: '100000000',
        LOGIN_MAX_FAILURES_PER_ACCOUNT: '100000000',
        LOGIN_MAX_FAILURES_PER_IP: '100000000',
        ...env,
      },
    },
  );
  const url = `http://127.0.0.1:${port}`;
  await waitReady(url, child);
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

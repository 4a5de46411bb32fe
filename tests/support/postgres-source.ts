import { startScratchPostgres } from '../../db/src/index.js'; // source, not dist: see global-setup.ts

export interface TestPostgres {
  source: 'testcontainers' | 'TEST_DATABASE_URL' | 'embedded';
  adminUrl: string;
  stop(): Promise<void>;
}

const RUNTIME_PROBE_MS = 2_000;

// Testcontainers when a container runtime answers within two seconds; never hangs the run when none exists.
async function tryTestcontainers(): Promise<TestPostgres | undefined> {
  if (process.env.TEST_DATABASE_SOURCE && process.env.TEST_DATABASE_SOURCE !== 'testcontainers') return undefined;
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    const probe = getContainerRuntimeClient();
    probe.catch(() => undefined);
    await Promise.race([
      probe,
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error('container runtime probe timed out')), RUNTIME_PROBE_MS).unref(),
      ),
    ]);
  } catch {
    return undefined;
  }
  const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
  const container = await new PostgreSqlContainer('postgres:16-alpine').start();
  return {
    source: 'testcontainers',
    adminUrl: container.getConnectionUri(),
    stop: async () => void (await container.stop()),
  };
}

/** A PostgreSQL server for the run: Testcontainers, else TEST_DATABASE_URL, else an embedded server. */
export async function openTestPostgres(): Promise<TestPostgres> {
  const container = await tryTestcontainers();
  if (container) return container;
  if (process.env.TEST_DATABASE_URL) {
    return { source: 'TEST_DATABASE_URL', adminUrl: process.env.TEST_DATABASE_URL, stop: async () => {} };
  }
  const embedded = await startScratchPostgres();
  return { source: 'embedded', adminUrl: embedded.url, stop: embedded.stop };
}

/** The same server's URL for another database. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

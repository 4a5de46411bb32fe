import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from './embedded-postgres.js';
import { findFreePort } from './free-port.js';

/** A throwaway embedded PostgreSQL in a temporary directory, deleted on stop. */
export async function startScratchPostgres(): Promise<EmbeddedPostgresHandle> {
  // mkdtemp makes a 0700 directory: use it as the data directory itself, which initdb wants private anyway.
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'nexus-pg-'));
  const server = await startEmbeddedPostgres({ dataDir, port: await findFreePort() });
  return {
    ...server,
    stop: async () => {
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

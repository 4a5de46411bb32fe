import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFreePort, startEmbeddedPostgres, type EmbeddedPostgresHandle } from '@nexus/db';
import { spawnServer, type SpawnedServer } from '../support/spawn-server.js';

// A PostgreSQL of this test's own, so it can be stopped and started under a running server.
let dataDir: string;
let port: number;
let postgres: EmbeddedPostgresHandle;
let server: SpawnedServer;
beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'nexus-restart-'));
  port = await findFreePort();
  postgres = await startEmbeddedPostgres({ dataDir, port });
  server = await spawnServer({ DATABASE_URL: postgres.url, SEED_DEMO_DATA: 'false', DATABASE_POOL_WAIT: '1s' });
}, 90_000);
afterAll(async () => {
  await server?.stop();
  await postgres?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

const status = (p: string) =>
  fetch(server.baseUrl + p).then(
    (r) => r.status,
    () => 'refused' as const,
  );

/** Polls until `path` answers `expected` (at most `seconds`), and returns every status seen on the way. */
async function until(p: string, expected: number, seconds = 20): Promise<Array<number | 'refused'>> {
  const seen: Array<number | 'refused'> = [];
  for (const deadline = Date.now() + seconds * 1000; Date.now() < deadline;) {
    const answer = await status(p);
    seen.push(answer);
    if (answer === expected) return seen;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${p} never answered ${expected}; saw ${seen.join(', ')}`);
}

describe('PostgreSQL stopped and started again', () => {
  it('turns readiness to 503 while it is down and back to 200 when it returns, with no restart of ours', async () => {
    expect(await status('/readyz')).toBe(200);
    expect(await status('/api/v1/categories')).toBe(200);

    await postgres.stop();
    const whileDown = await until('/readyz', 503);
    expect(whileDown.every((s) => s === 200 || s === 503)).toBe(true);
    expect(await status('/api/v1/categories')).toBe(503);
    expect(await status('/healthz')).toBe(200);

    postgres = await startEmbeddedPostgres({ dataDir, port });
    const recovering = await until('/readyz', 200);
    expect(recovering.every((s) => s === 200 || s === 503)).toBe(true);
    await until('/api/v1/categories', 200);
    expect(server.child.exitCode).toBeNull();
  }, 90_000);
});

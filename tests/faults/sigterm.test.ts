import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findFreePort } from '@nexus/db';
import { spawnServer } from '../support/spawn-server.js';

let dataDir: string | undefined;
afterAll(async () => {
  if (dataDir) await rm(path.dirname(dataDir), { recursive: true, force: true });
});

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('SIGTERM under load', () => {
  it('drains every in-flight request, then stops the embedded database and exits 0', async () => {
    dataDir = path.join(await mkdtemp(path.join(os.tmpdir(), 'nexus-sigterm-')), 'postgres');
    const server = await spawnServer({
      EMBEDDED_PG_DATA_DIR: dataDir,
      EMBEDDED_PG_PORT: String(await findFreePort()),
      SEED_DEMO_DATA: 'false',
      // Production argon2 cost: 48 registrations queue on four threads for a good while.
      ARGON2_MEMORY_KIB: '19456',
      ARGON2_TIME_COST: '2',
    });
    const postmaster = Number((await readFile(path.join(dataDir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
    expect(isAlive(postmaster)).toBe(true);

    const inFlight = Array.from({ length: 48 }, (_, i) =>
      fetch(`${server.baseUrl}/api/v1/auth/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          email: `drain-${i}@example.com`,
          password: 'correct horse battery',
          first_name: 'D',
          last_name: 'R',
        }),
      }).then(
        (r) => r.status,
        (error: Error) => error.message,
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 150));
    server.child.kill('SIGTERM');

    expect(await Promise.all(inFlight)).toEqual(Array(48).fill(201));
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(isAlive(postmaster)).toBe(false);
    // Finished because the last request did, not because the 10 s grace period ran out on idle keep-alives.
    expect(server.output()).not.toMatch(/shutdown timeout/);
    expect(server.output()).toMatch(/"msg":"stopped"/);
  }, 120_000);
});

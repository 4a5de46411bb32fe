// `pnpm build` then `pnpm start:prod`, as an operator runs them: the compiled server, NODE_ENV=production, no tsx and
// no source condition, a database it is given, and a clean exit on SIGTERM.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot as root } from '../support/build.js';
import { cloneTemplateDatabase } from '../support/test-app.js';
import { spawnServer, type SpawnedServer } from '../support/spawn-server.js';
import { TEST_ENV } from '../support/test-env.js';

const production = { NODE_ENV: 'production', PAYMENTS_MANUAL_ONLY: 'true', ADMIN_DIR: 'off' };

let database: Awaited<ReturnType<typeof cloneTemplateDatabase>>;
let server: SpawnedServer;

// The build is current: global setup ran `tsc -b`, what `pnpm build` compiles.
beforeAll(async () => {
  database = await cloneTemplateDatabase();
  server = await spawnServer({ ...production, DATABASE_URL: database.url }, { from: 'dist' });
}, 180_000);

afterAll(async () => {
  await server?.stop();
  await database?.drop();
});

describe('pnpm start:prod', () => {
  it('is the compiled server, run by node alone', async () => {
    const manifest = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8'));
    expect(manifest.scripts['start:prod']).toBe('node server/dist/main.js');
    expect(manifest.scripts.build).toMatch(/^tsc -b\b/);
  });

  it('serves the API from its build, in production mode, logging JSON lines', async () => {
    const products = await fetch(`${server.baseUrl}/api/v1/products`);
    expect(products.status).toBe(200);
    expect(await products.json()).toMatchObject({ count: 0, results: [] });
    const lines = server.output().trim().split('\n');
    expect(lines.every((line) => line.startsWith('{'))).toBe(true);
    // An unknown route answers a problem, and production never reveals a stack.
    const missing = await fetch(`${server.baseUrl}/api/v1/nowhere`);
    expect(missing.status).toBe(404);
    expect(JSON.stringify(await missing.json())).not.toMatch(/at .*\.js:\d+/);
  });

  it('drains and exits 0 on SIGTERM', async () => {
    expect(await server.stop()).toEqual({ code: 0, signal: null });
  });

  it('refuses to start without DATABASE_URL, saying why, rather than run on an embedded database', async () => {
    // From an empty directory, so a developer's .env (which main.js loads from its working directory) cannot
    // supply a DATABASE_URL.
    const cwd = await mkdtemp(path.join(os.tmpdir(), 'nexus-start-prod-'));
    const child = spawn(process.execPath, [path.join(root, 'server/dist/main.js')], {
      cwd,
      env: { PATH: process.env.PATH, ...TEST_ENV, ...production, PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      expect(code).toBe(78);
      expect(stderr).toContain('DATABASE_URL: is required when NODE_ENV=production');
    } finally {
      // Had it started after all, it must not outlive the test.
      if (child.exitCode === null) child.kill('SIGKILL');
      await rm(cwd, { recursive: true, force: true });
    }
  });
});

// `pnpm build` then `pnpm start:prod`, as an operator runs them: the compiled server, NODE_ENV=production, no tsx and
// no source condition, a database it is given, and a clean exit on SIGTERM.
import { execFile, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cloneTemplateDatabase } from '../support/test-app.js';
import { spawnServer, type SpawnedServer } from '../support/spawn-server.js';
import { TEST_ENV } from '../support/test-env.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const production = { NODE_ENV: 'production', PAYMENTS_MANUAL_ONLY: 'true', ADMIN_DIR: 'off' };

let database: Awaited<ReturnType<typeof cloneTemplateDatabase>>;
let server: SpawnedServer;

beforeAll(async () => {
  // What `pnpm build` compiles (incremental: nothing to do when `pnpm typecheck` has just built it).
  await promisify(execFile)(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-b'], {
    cwd: root,
  });
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
    const child = spawn(process.execPath, ['server/dist/main.js'], {
      cwd: root,
      env: { PATH: process.env.PATH, ...TEST_ENV, ...production, PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(78);
    expect(stderr).toContain('DATABASE_URL: is required when NODE_ENV=production');
  });
});

import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import newman, { type RunSummary } from 'newman';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '@nexus/openapi';
import { cloneTemplateDatabase } from '../support/test-app.js';
import { spawnServer, type SpawnedServer } from '../support/spawn-server.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const collectionFile = path.join(repoRoot, 'docs/nexus.postman_collection.json');
const ADMIN = { email: 'postman-admin@example.com', password: 'postman admin password' };

interface Item {
  name: string;
  item?: Item[];
  event?: Array<{ listen: string; script: { exec: string[] } }>;
  request?: { method: string; url: { path: string[] } };
}
const requestsOf = (items: Item[]): Item[] => items.flatMap((item) => (item.item ? requestsOf(item.item) : [item]));

let server: SpawnedServer;
let database: Awaited<ReturnType<typeof cloneTemplateDatabase>>;
let mediaDir: string;
beforeAll(async () => {
  database = await cloneTemplateDatabase();
  mediaDir = await mkdtemp(path.join(os.tmpdir(), 'nexus-media-'));
  // The real server process, so the admin comes from ADMIN_EMAIL and ADMIN_PASSWORD as in a deployment.
  server = await spawnServer({
    DATABASE_URL: database.url,
    MEDIA_DIR: mediaDir,
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
  });
});
afterAll(async () => {
  await server?.stop();
  await database?.drop();
  await rm(mediaDir, { recursive: true, force: true });
});

/** One run of the committed collection, as `newman run` would do it from the repository's root. */
function runCollection(collection: object): Promise<RunSummary> {
  return new Promise((resolve, reject) =>
    newman.run(
      {
        collection,
        envVar: [
          { key: 'baseUrl', value: server.baseUrl },
          { key: 'adminEmail', value: ADMIN.email },
          { key: 'adminPassword', value: ADMIN.password },
        ],
        workingDir: repoRoot,
        reporters: [],
        // A request that never answers (a stream) fails its run instead of hanging it.
        timeoutRequest: 15_000,
      },
      (error, summary) => (error ? reject(error) : resolve(summary)),
    ),
  );
}

describe('the Postman collection', () => {
  it('asks for every operation of the document, each request with its own test and no committed credentials', async () => {
    const collection = JSON.parse(await readFile(collectionFile, 'utf8')) as {
      item: Item[];
      variable: Array<{ key: string; value: string }>;
    };
    const asked = new Set(
      requestsOf(collection.item).map(
        ({ request }) => `${request!.method.toLowerCase()} /${request!.url.path.join('/').replace(/:(\w+)/g, '{$1}')}`,
      ),
    );
    for (const [route, methods] of Object.entries(buildOpenApiDocument().paths)) {
      for (const method of Object.keys(methods as object))
        expect(asked, `${method} ${route}`).toContain(`${method} ${route}`);
    }
    for (const item of requestsOf(collection.item)) {
      expect(item.event?.find((event) => event.listen === 'test')?.script.exec.join('\n'), item.name).toMatch(
        /pm\.test/,
      );
    }
    const variable = (key: string) => collection.variable.find((entry) => entry.key === key)?.value;
    expect([variable('adminEmail'), variable('adminPassword')]).toEqual(['', '']);
  });

  it('runs green twice in a row against a fresh server: every request answered, every assertion passed', async () => {
    const collection = JSON.parse(await readFile(collectionFile, 'utf8')) as { item: Item[] };
    const requests = requestsOf(collection.item).length;
    for (const run of [1, 2]) {
      const summary = await runCollection(collection);
      const { stats, failures, executions } = summary.run;
      const failed = failures.map(
        ({ source, error }) => `${source?.name ?? '?'}: ${error.test ?? error.name} ${error.message}`,
      );
      expect(failed, `run ${run}`).toEqual([]);
      expect(
        executions.filter((execution) => execution.requestError).map(({ item }) => item.name),
        `run ${run}`,
      ).toEqual([]);
      expect(stats.requests, `run ${run}`).toEqual({ total: requests, pending: 0, failed: 0 });
      expect(stats.assertions.failed, `run ${run}`).toBe(0);
      expect(stats.assertions.total, `run ${run}`).toBeGreaterThan(requests * 2);
      expect(stats.testScripts.failed + stats.prerequestScripts.failed, `run ${run}`).toBe(0);
    }
  }, 120_000);
});

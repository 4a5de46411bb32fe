import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '@nexus/db';
import { cloneTemplateDatabase } from '../support/test-app.js';
import { spawnServer, type SpawnedServer } from '../support/spawn-server.js';

// The server as its own process, so a crash shows as a dead process and refused connections, as in production.
let database: Awaited<ReturnType<typeof cloneTemplateDatabase>>;
let server: SpawnedServer;
let dba: ReturnType<typeof createDb>;
let admin: string;
let productId: string;
beforeAll(async () => {
  database = await cloneTemplateDatabase();
  server = await spawnServer({
    DATABASE_URL: database.url,
    DATABASE_POOL_MAX: '5',
    SEED_DEMO_DATA: 'false',
    RESPONSE_CACHE: 'off',
  });
  dba = createDb({ connectionString: database.url, max: 2, applicationName: 'nexus-test-dba' });
  const email = `fault-${Date.now()}@example.com`;
  await post('/api/v1/auth/register', { email, password: 'correct horse battery', first_name: 'F', last_name: 'T' });
  await dba.updateTable('users').set({ role: 'admin' }).where('email', '=', email).execute();
  admin = (
    (await (await post('/api/v1/auth/token', { email, password: 'correct horse battery' })).json()) as {
      access: string;
    }
  ).access;
  const category = (await (await post('/api/v1/categories', { name: 'Faults' }, admin)).json()) as { id: string };
  productId = (
    (await (await post('/api/v1/products', { name: 'Sturdy', price: 5, category_id: category.id }, admin)).json()) as {
      id: string;
    }
  ).id;
}, 90_000);
afterAll(async () => {
  await server?.stop();
  await dba?.destroy();
  await database?.drop();
});

function post(path: string, body: unknown, token?: string) {
  return fetch(server.baseUrl + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
}

type Outcome = {
  status: number | 'refused';
  path: string;
  retryAfter: string | null;
  type: string | null;
  id?: string;
};

async function call(path: string, init?: RequestInit): Promise<Outcome> {
  try {
    const response = await fetch(server.baseUrl + path, init);
    const body = (await response.json().catch(() => ({}))) as { id?: string };
    return {
      status: response.status,
      path,
      retryAfter: response.headers.get('retry-after'),
      type: response.headers.get('content-type'),
      id: body.id,
    };
  } catch {
    return { status: 'refused', path, retryAfter: null, type: null };
  }
}

/** Terminates every backend of the server's pool, as a DBA or a failover would, every `everyMs` until stopped. */
function terminateRepeatedly(everyMs: number) {
  let running = true;
  let terminated = 0;
  const loop = (async () => {
    while (running) {
      const { rows } = await sql<{ killed: boolean }>`
        select pg_terminate_backend(pid) as killed from pg_stat_activity
         where datname = current_database() and application_name = 'nexus-commerce'`.execute(dba);
      terminated += rows.filter((row) => row.killed).length;
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return { stop: async () => ((running = false), await loop, terminated) };
}

describe('connections terminated under load', () => {
  it('keeps serving: no crash, 503 for what was cut, every acknowledged write kept, recovery without restart', async () => {
    const terminator = terminateRepeatedly(50);
    const outcomes: Outcome[] = [];
    const deadline = Date.now() + 3_000;
    let n = 0;
    const worker = async () => {
      while (Date.now() < deadline) {
        n += 1;
        outcomes.push(
          await call(`/api/v1/products/${productId}`),
          await call('/api/v1/categories', {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
            body: JSON.stringify({ name: `Written ${n} ${Math.random()}` }),
          }),
          await call('/api/v1/products?page_size=5'),
        );
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    const terminated = await terminator.stop();

    expect(terminated).toBeGreaterThan(0);
    expect(server.child.exitCode).toBeNull();
    const unexpected = outcomes.filter((o) => ![200, 201, 503].includes(o.status as number));
    expect(unexpected).toEqual([]);
    for (const cut of outcomes.filter((o) => o.status === 503)) {
      expect(cut.type).toMatch(/^application\/problem\+json/);
      expect(Number(cut.retryAfter)).toBeGreaterThan(0);
    }
    // Every category the server acknowledged with 201 is in the database.
    const acknowledged = outcomes.filter((o) => o.status === 201).map((o) => o.id!);
    expect(acknowledged.length).toBeGreaterThan(0);
    const stored = await dba.selectFrom('categories').select('id').where('id', 'in', acknowledged).execute();
    expect(stored).toHaveLength(acknowledged.length);

    // Recovery: the same process serves every request again.
    const after = await Promise.all(Array.from({ length: 20 }, () => call(`/api/v1/products/${productId}`)));
    expect(after.map((o) => o.status)).toEqual(Array(20).fill(200));
    expect((await call('/readyz')).status).toBe(200);
    console.log(
      `[faults] ${outcomes.length} requests while ${terminated} backends were terminated: ` +
        `${outcomes.filter((o) => o.status === 503).length} × 503, ${acknowledged.length} writes acknowledged and kept`,
    );
  }, 60_000);
});

// pnpm fuzz [--requests N] [--seed S] [--concurrency C]: the contract-driven fuzzer, as long as you like, against
// a server of its own (a separate process) over a fresh database: a scratch embedded PostgreSQL, or a new
// database on TEST_DATABASE_URL when set. Prints a summary; exits 1 on any contract violation.
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { createNexusClient } from '@nexus/client-sdk';
import { createDb, migrateToLatest, startScratchPostgres } from '@nexus/db';
import { withDatabase } from '../support/postgres-source.js';
import { spawnServer } from '../support/spawn-server.js';
import { FUZZ_ENV, prepareFuzzTarget } from './fixtures.js';
import { addSummary, emptySummary, formatSummary, generateRequests, runFuzz } from './run-fuzz.js';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '20000' },
    seed: { type: 'string', default: String(Date.now() % 1_000_000) },
    concurrency: { type: 'string', default: '8' },
  },
});
const requests = Number(values.requests);
const seed = Number(values.seed);
const CHUNK = 2_000;

async function freshDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  if (process.env.TEST_DATABASE_URL) {
    const name = `nexus_fuzz_${Date.now()}`;
    const admin = createDb({ connectionString: process.env.TEST_DATABASE_URL, max: 1 });
    await sql`create database ${sql.id(name)}`.execute(admin);
    await admin.destroy();
    return {
      url: withDatabase(process.env.TEST_DATABASE_URL, name),
      drop: async () => {
        const cleanup = createDb({ connectionString: process.env.TEST_DATABASE_URL!, max: 1 });
        await sql`drop database if exists ${sql.id(name)} with (force)`.execute(cleanup);
        await cleanup.destroy();
      },
    };
  }
  const scratch = await startScratchPostgres();
  return { url: scratch.url, drop: scratch.stop };
}

const database = await freshDatabase();
const db = createDb({ connectionString: database.url, max: 2 });
let exitCode = 1;
try {
  await migrateToLatest(db);
  const server = await spawnServer({
    DATABASE_URL: database.url,
    SEED_DEMO_DATA: 'false',
    LOG_LEVEL: 'error',
    ...FUZZ_ENV,
  });
  try {
    const target = await prepareFuzzTarget(
      () => createNexusClient({ baseUrl: server.baseUrl }),
      async (id) => void (await db.updateTable('users').set({ role: 'admin' }).where('id', '=', id).execute()),
    );
    const total = emptySummary(seed);
    for (let done = 0, chunk = 0; done < requests; done += CHUNK, chunk += 1) {
      const specs = generateRequests(Math.min(CHUNK, requests - done), seed + chunk);
      addSummary(
        total,
        await runFuzz({ baseUrl: server.baseUrl, ...target }, specs, { seed, concurrency: Number(values.concurrency) }),
      );
      process.stderr.write(`  … ${done + specs.length}/${requests}: ${total.findings.length} violations so far\n`);
    }
    console.log(formatSummary(total, 25));
    if (server.child.exitCode !== null)
      console.log(`the server exited during the run:\n${server.output().slice(-2000)}`);
    exitCode = total.findings.length === 0 && server.child.exitCode === null ? 0 : 1;
  } finally {
    await server.stop();
  }
} finally {
  await db.destroy();
  await database.drop();
}
process.exit(exitCode);

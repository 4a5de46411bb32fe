// pnpm db:codegen [--verify]: migrates a scratch PostgreSQL and (re)generates src/schema.ts with kysely-codegen.
// With --verify it only checks that the committed file matches the migrations, and exits non-zero when it is stale.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDb } from '../create-db.js';
import { migrateToLatest } from '../migrate.js';
import { startScratchPostgres } from '../scratch-postgres.js';

const dbPackageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const codegenBin = path.join(
  path.dirname(createRequire(import.meta.url).resolve('kysely-codegen/package.json')),
  'dist/cli/bin.js',
);

const server = await startScratchPostgres();
let status = 1;
try {
  const db = createDb({ connectionString: server.url, max: 1 });
  await migrateToLatest(db);
  await db.destroy();
  const args = [codegenBin, '--url', server.url, ...(process.argv.includes('--verify') ? ['--verify'] : [])];
  status = spawnSync(process.execPath, args, { cwd: dbPackageDir, stdio: 'inherit' }).status ?? 1;
} finally {
  await server.stop();
}
process.exit(status);

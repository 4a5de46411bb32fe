// Once per run: find a PostgreSQL, migrate a template database, and hand its name to every test file.
import { sql } from 'kysely';
import type { TestProject } from 'vitest/node';
// Global setup does not get the '@nexus/source' resolve condition (it would load a possibly stale dist/),
// so it imports the database package's source directly.
import { createDb, migrateToLatest } from '../db/src/index.js';
import { openTestPostgres, withDatabase } from './support/postgres-source.js';
import { buildWorkspace } from './support/build.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Connection string of a maintenance database on the test server (used to create and drop databases). */
    adminDatabaseUrl: string;
    /** Name of the migrated template every test file clones. */
    templateDatabase: string;
    /** Where the server came from: testcontainers, TEST_DATABASE_URL or embedded. */
    databaseSource: string;
  }
}

export default async function setup(project: TestProject) {
  // Once, before any file: the tests that run the build (start:prod, the packed SDK) then find it current, and
  // never compile into the same dist/ at the same time.
  await buildWorkspace();
  const server = await openTestPostgres();
  const templateDatabase = `nexus_template_${process.pid}_${Date.now()}`;
  const admin = createDb({ connectionString: server.adminUrl, max: 1 });
  await sql`create database ${sql.id(templateDatabase)}`.execute(admin);
  await admin.destroy();

  const template = createDb({ connectionString: withDatabase(server.adminUrl, templateDatabase), max: 1 });
  await migrateToLatest(template);
  await template.destroy();

  console.log(`[tests] PostgreSQL from ${server.source}; template ${templateDatabase}`);
  project.provide('adminDatabaseUrl', server.adminUrl);
  project.provide('templateDatabase', templateDatabase);
  project.provide('databaseSource', server.source);

  return async () => {
    const cleanup = createDb({ connectionString: server.adminUrl, max: 1 });
    await sql`drop database if exists ${sql.id(templateDatabase)} with (force)`.execute(cleanup);
    await cleanup.destroy();
    await server.stop();
  };
}

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { inject } from 'vitest';
import { createDb, type DB } from '@nexus/db';
import {
  answerClientErrors,
  createApp,
  createLogger,
  healthPoolOptions,
  loadConfig,
  poolOptions,
  type Config,
  type NexusApp,
} from '@nexus/server';
import { createNexusClient, memoryTokenStore, type NexusClient, type NexusClientOptions } from '@nexus/client-sdk';
import { withDatabase } from './postgres-source.js';
import { TEST_ENV } from './test-env.js';

export interface TestApp {
  baseUrl: string;
  /** This file's own database. */
  databaseUrl: string;
  db: Kysely<DB>;
  config: Config;
  nexus: NexusApp;
  /** A fresh SDK client (own token store) against this app. */
  client(options?: Partial<NexusClientOptions>): NexusClient;
  /** Raw HTTP for wire-level assertions (headers, content types, bodies the SDK would refuse to send). */
  fetch(path: string, init?: RequestInit & { json?: unknown; token?: string }): Promise<Response>;
  close(): Promise<void>;
}

const SQLSTATE_OBJECT_IN_USE = '55006';

/** A new database cloned from the migrated template: isolated per test file, cheap to make. */
export async function cloneTemplateDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const adminUrl = inject('adminDatabaseUrl');
  const name = `nexus_test_${randomUUID().replace(/-/g, '')}`;
  const admin = createDb({ connectionString: adminUrl, max: 1 });
  try {
    // Two files cloning at the same instant make PostgreSQL report the template as busy: retry briefly.
    for (let attempt = 0; ; attempt += 1) {
      try {
        await sql`create database ${sql.id(name)} template ${sql.id(inject('templateDatabase'))}`.execute(admin);
        break;
      } catch (error) {
        if ((error as { code?: string }).code !== SQLSTATE_OBJECT_IN_USE || attempt > 50) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 100));
      }
    }
  } finally {
    await admin.destroy();
  }
  return {
    url: withDatabase(adminUrl, name),
    drop: async () => {
      const cleanup = createDb({ connectionString: adminUrl, max: 1 });
      await sql`drop database if exists ${sql.id(name)} with (force)`.execute(cleanup);
      await cleanup.destroy();
    },
  };
}

/** The configuration every test server runs with; `env` overrides variables. */
export function testConfig(env: Record<string, string>): Config {
  return loadConfig({
    ...TEST_ENV,
    LOG_LEVEL: 'silent',
    ...env,
  }).config;
}

/** Starts the real app on port 0 (or `env.PORT`) over its own database. `env` overrides configuration variables. */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database = await cloneTemplateDatabase();
  // Each app its own media directory, removed with it.
  const mediaDir = await mkdtemp(path.join(os.tmpdir(), 'nexus-media-'));
  const config = testConfig({ DATABASE_URL: database.url, MEDIA_DIR: mediaDir, ...env });
  const logger = createLogger(config);
  // The pool exactly as production builds it (queue bound, waits, timeouts), from this app's configuration.
  const db = createDb(poolOptions(config, database.url, logger));
  const healthDb = createDb(healthPoolOptions(database.url));
  const nexus = createApp({ db, healthDb, config, logger, databaseUrl: database.url });
  const server = http.createServer(nexus.app);
  answerClientErrors(server);
  // Port 0 unless the test fixes one (so absolute URLs the app makes, like MEDIA_BASE_URL's, can point at it).
  await new Promise<void>((resolve) => server.listen(env.PORT ? config.PORT : 0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    baseUrl,
    databaseUrl: database.url,
    db,
    config,
    nexus,
    client: (options = {}) => createNexusClient({ baseUrl, tokenStore: memoryTokenStore(), ...options }),
    fetch: (path, { json, token, headers, ...init } = {}) =>
      fetch(baseUrl + path, {
        ...init,
        headers: {
          ...(json !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(headers as Record<string, string>),
        },
        ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
      }),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await nexus.close();
      await healthDb.destroy();
      await db.destroy();
      await database.drop();
      await rm(mediaDir, { recursive: true, force: true });
    },
  };
}

/** A TCP port free right now on 127.0.0.1, for a test app whose own URLs must be known before it starts. */
export async function freePort(): Promise<number> {
  const probe = http.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

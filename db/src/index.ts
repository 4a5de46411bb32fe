export { createDb, createPool, poolUsage, PoolSaturatedError, type DbOptions } from './create-db.js';
export { migrateToLatest, migrateDownAll } from './migrate.js';
export { isAlive, startEmbeddedPostgres, type EmbeddedPostgresHandle } from './embedded-postgres.js';
export { startScratchPostgres } from './scratch-postgres.js';
export { findFreePort } from './free-port.js';
export type { DB } from './schema.js';
export type * from './schema.js';

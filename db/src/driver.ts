// Its own entry point (`@nexus/db/driver`), apart from the index: importing it must not load pg.
import { createRequire } from 'node:module';

/**
 * The file `pg` resolves to from this package: the driver every pool of `createPool` and `createDb` is built on,
 * which need not be the `pg` another package resolves (pnpm deduplicates them only while their ranges agree).
 * Tracing requires it by this path to patch the very module the pools use.
 */
export const pgDriverPath: string = createRequire(import.meta.url).resolve('pg');

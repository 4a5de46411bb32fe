import type { Deps } from '../deps.js';
import { upsertAdmin } from '../modules/users/users.queries.js';

/**
 * The demo shop's administrator, so `pnpm start` on a fresh clone can open /admin at once. Only with the demo
 * catalogue (embedded database, first start) and only when no ADMIN_EMAIL is configured; documented in the README.
 */
export const DEMO_ADMIN = { email: 'admin@example.com', password: 'nexus-demo-admin' } as const;

export async function seedDemoAdmin(
  { db, config, passwords, logger }: Pick<Deps, 'db' | 'config' | 'passwords' | 'logger'>,
  { embedded }: { embedded: boolean },
): Promise<void> {
  // A published password belongs only on the throwaway embedded database, never on a server's own.
  if (!embedded || config.ADMIN_EMAIL || config.NODE_ENV === 'production') return;
  await upsertAdmin(db, DEMO_ADMIN.email, await passwords.hash(DEMO_ADMIN.password));
  logger.info(
    { email: DEMO_ADMIN.email, password: DEMO_ADMIN.password },
    'demo admin created: sign in to the dashboard at /admin with these (set ADMIN_EMAIL and ADMIN_PASSWORD to choose your own)',
  );
}

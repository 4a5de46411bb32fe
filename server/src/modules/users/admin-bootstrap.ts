import type { Deps } from '../../deps.js';
import { upsertAdmin } from './users.queries.js';

/** ADMIN_EMAIL + ADMIN_PASSWORD: that account exists, is active and is an admin with that password. */
export async function bootstrapAdmin({
  db,
  config,
  passwords,
  logger,
}: Pick<Deps, 'db' | 'config' | 'passwords' | 'logger'>): Promise<void> {
  if (!config.ADMIN_EMAIL || !config.ADMIN_PASSWORD) return;
  const admin = await upsertAdmin(db, config.ADMIN_EMAIL, await passwords.hash(config.ADMIN_PASSWORD));
  logger.info({ user_id: admin.id, email: admin.email }, 'bootstrap admin ready');
}

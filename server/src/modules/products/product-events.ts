import type { Transaction } from 'kysely';
import type { DB } from '@nexus/db';
import { emitEvent } from '../events/outbox.js';
import { findProductById } from './products.queries.js';

/**
 * Writes `product.updated` with the product as it now is (its variants and images included), in the writing
 * transaction: what every write of a product's parts (variants, images) emits.
 */
export async function emitProductUpdated(trx: Transaction<DB>, mediaBase: string, productId: string): Promise<void> {
  const product = await findProductById(trx, mediaBase, productId);
  if (product) await emitEvent(trx, 'product.updated', product.id, product);
}

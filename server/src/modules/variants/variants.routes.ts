import { initServer } from '@ts-rest/express';
import { api } from '@nexus/contract';
import type { Deps, RouterFor } from '../../deps.js';
import { withTransaction } from '../../database/transaction.js';
import { reply } from '../../http/problem.js';
import { emitProductUpdated } from '../products/product-events.js';
import { createVariant, deleteVariant, updateVariant } from './variant-writes.js';
import type { Transaction } from 'kysely';
import type { DB } from '@nexus/db';

const s = initServer();

/** A product's variants (admin). Every write is a `product.updated` event carrying the product as it now is. */
export function variantsRouter({ db, media }: Deps): RouterFor<typeof api.products.variants> {
  const productChanged = (trx: Transaction<DB>, productId: string) => emitProductUpdated(trx, media.baseUrl, productId);
  const noVariant = (productId: string, variantId?: string) =>
    reply('not_found', variantId ? `No variant ${variantId} of product ${productId}` : `No product ${productId}`);

  return s.router(api.products.variants, {
    create: async ({ params, body }) => {
      const variant = await withTransaction(db, async (trx) => {
        const created = await createVariant(trx, params.id, body);
        if (created) await productChanged(trx, params.id);
        return created;
      });
      return variant ? { status: 201, body: variant } : noVariant(params.id);
    },

    update: async ({ params, body }) => {
      const variant = await withTransaction(db, async (trx) => {
        const updated = await updateVariant(trx, params.id, params.variant_id, body);
        if (updated) await productChanged(trx, params.id);
        return updated;
      });
      return variant ? { status: 200, body: variant } : noVariant(params.id, params.variant_id);
    },

    delete: async ({ params }) => {
      const outcome = await withTransaction(db, async (trx) => {
        const result = await deleteVariant(trx, params.id, params.variant_id);
        if (result === 'deleted') await productChanged(trx, params.id);
        return result;
      });
      if (outcome === 'not_found') return noVariant(params.id, params.variant_id);
      if (outcome === 'last_variant') {
        return reply('last_variant', 'This is the product’s only variant: delete the product instead');
      }
      return { status: 204, body: undefined };
    },
  });
}

import { initServer } from '@ts-rest/express';
import { api, type Cart } from '@nexus/contract';
import type { Deps, RouterFor } from '../../deps.js';
import { withTransaction } from '../../database/transaction.js';
import { reply } from '../../http/problem.js';
import { resolveVariant } from '../variants/variants.queries.js';
import { withIdempotency } from '../idempotency/idempotency.js';
import { cartOwnerOf, idempotencyOwnerOf } from './cart-owner.js';
import { addToCart, cartView, checkLineQuantity, findCart, openCartForChange } from './cart-service.js';
import { clearLines, deleteLine, findCartById, findLineVariant, setLineQuantity, touchCart } from './carts.queries.js';

const s = initServer();

export function cartsRouter({ db, config }: Deps): RouterFor<typeof api.cart> {
  return s.router(api.cart, {
    get: async ({ req }) => {
      const owner = cartOwnerOf(req);
      const cart = await findCart(db, owner);
      return { status: 200, body: await cartView(db, config, cart, owner.kind === 'guest' ? owner.token : null) };
    },

    addItem: async ({ req, res, body, headers }) => {
      const owner = cartOwnerOf(req);
      const answer = await withIdempotency(
        db,
        {
          owner: idempotencyOwnerOf(owner, req),
          key: headers['idempotency-key'],
          operation: 'cart.addItem',
          body: req.body,
        },
        res,
        async (trx) => {
          const { cart, token } = await addToCart(trx, owner, body);
          const view = await cartView(trx, config, cart, token);
          const headers: Record<string, string> = token && owner.kind !== 'user' ? { 'X-Cart-Token': token } : {};
          return { status: 200 as const, body: view, headers };
        },
        { atomic: true },
      );
      return { status: 200, body: answer.body as Cart };
    },

    updateItem: async ({ req, params, body }) => {
      const owner = cartOwnerOf(req);
      const view = await withTransaction(db, async (trx) => {
        const cart = await findCart(trx, owner);
        const variantId = cart && (await findLineVariant(trx, cart.id, params.id));
        if (!cart || !variantId) return undefined;
        const { cart: locked, token } = await openCartForChange(trx, owner);
        const variant = await resolveVariant(trx, { variant_id: variantId });
        if (variant.found) checkLineQuantity(variant, body.quantity);
        await setLineQuantity(trx, locked.id, variantId, body.quantity);
        await touchCart(trx, locked.id);
        return cartView(trx, config, await findCartById(trx, locked.id), token);
      });
      return view ? { status: 200, body: view } : reply('not_found', 'The cart has no such line');
    },

    removeItem: async ({ req, params }) => {
      const owner = cartOwnerOf(req);
      const view = await withTransaction(db, async (trx) => {
        const cart = await findCart(trx, owner);
        if (!cart) return cartView(trx, config, undefined, owner.kind === 'guest' ? owner.token : null);
        const { token } = await openCartForChange(trx, owner);
        const variantId = await findLineVariant(trx, cart.id, params.id);
        if (variantId) {
          await deleteLine(trx, cart.id, variantId);
          await touchCart(trx, cart.id);
        }
        return cartView(trx, config, await findCartById(trx, cart.id), token);
      });
      return { status: 200, body: view };
    },

    clear: async ({ req }) => {
      const owner = cartOwnerOf(req);
      await withTransaction(db, async (trx) => {
        const cart = await findCart(trx, owner);
        if (!cart) return;
        await openCartForChange(trx, owner);
        await clearLines(trx, cart.id);
        await touchCart(trx, cart.id);
      });
      return { status: 204, body: undefined };
    },
  });
}

import pg from 'pg';
import type { Logger } from 'pino';

/** A variant's stock as subscribers receive it. */
export interface StockLevel {
  product_id: string;
  variant_id: string;
  stock: number;
}

export type StockListener = (level: StockLevel) => void;

export interface StockHub {
  /**
   * Registers a listener for one product's stock changes, once LISTEN is in place; answers the unsubscribe
   * function, `full` when this process already holds `maxSubscribers` streams (or 10 for this address), or
   * `unavailable` when the database cannot be listened to.
   */
  subscribe(
    productId: string,
    address: string,
    listener: StockListener,
    onEnd: () => void,
  ): Promise<(() => void) | 'full' | 'unavailable'>;
  /** Ends every subscription (their streams close) and the LISTEN connection. */
  close(): Promise<void>;
}

const PER_ADDRESS = 10;
const CHANNEL = 'nexus_stock';

/**
 * One LISTEN connection per process on `nexus_stock` (which the stock trigger NOTIFYs on commit), fanned out
 * in memory to this process's subscribers: a change made by any process reaches the subscribers of every
 * process. Opened with the first subscriber (who waits for it), reopened (with back-off) when the connection
 * drops; changes made while it is down cannot be replayed, so then every stream ends and its client reconnects
 * to a fresh snapshot (each stream starts with the current stock).
 */
export function createStockHub(connectionString: string, maxSubscribers: number, logger: Logger): StockHub {
  const byProduct = new Map<string, Set<StockListener>>();
  const byAddress = new Map<string, number>();
  const enders = new Map<() => void, () => void>();
  let total = 0;
  let client: pg.Client | undefined;
  let connecting: Promise<void> | undefined;
  let closed = false;
  let retryDelay = 500;

  const dispatch = (payload: string | undefined) => {
    if (!payload) return;
    let level: StockLevel;
    try {
      level = JSON.parse(payload) as StockLevel;
    } catch {
      return;
    }
    for (const listener of byProduct.get(level.product_id) ?? []) listener(level);
  };

  const connect = (): Promise<void> =>
    (connecting ??= (async () => {
      const listening = new pg.Client({ connectionString, application_name: 'nexus-stock-listener', keepAlive: true });
      listening.on('notification', (message) => dispatch(message.payload));
      listening.on('error', (error) => {
        logger.warn({ err: error }, 'live stock: LISTEN connection lost; reconnecting');
        client = undefined;
        connecting = undefined;
        // Changes made while it was down are lost: every stream ends, and its client reconnects to a fresh snapshot.
        for (const [unsubscribe, end] of [...enders]) {
          unsubscribe();
          end();
        }
        void listening.end().catch(() => undefined);
        if (!closed) setTimeout(() => void connect().catch(() => undefined), retryDelay).unref();
        retryDelay = Math.min(retryDelay * 2, 10_000);
      });
      await listening.connect();
      await listening.query(`listen ${CHANNEL}`);
      client = listening;
      retryDelay = 500;
    })().catch((error: unknown) => {
      connecting = undefined;
      logger.warn({ err: error }, 'live stock: could not LISTEN; retrying');
      if (!closed) setTimeout(() => void connect().catch(() => undefined), retryDelay).unref();
      retryDelay = Math.min(retryDelay * 2, 10_000);
      throw error;
    }));

  return {
    async subscribe(productId, address, listener, onEnd) {
      if (closed || total >= maxSubscribers || (byAddress.get(address) ?? 0) >= PER_ADDRESS) return 'full';
      // Counted at once, so parallel requests cannot pass the bounds while LISTEN is being set up.
      total += 1;
      byAddress.set(address, (byAddress.get(address) ?? 0) + 1);
      try {
        await connect();
      } catch (error) {
        total -= 1;
        const left = (byAddress.get(address) ?? 1) - 1;
        if (left > 0) byAddress.set(address, left);
        else byAddress.delete(address);
        logger.warn({ err: error }, 'live stock: no LISTEN connection');
        return 'unavailable';
      }
      const listeners = byProduct.get(productId) ?? new Set<StockListener>();
      listeners.add(listener);
      byProduct.set(productId, listeners);
      let active = true;
      const unsubscribe = () => {
        if (!active) return;
        active = false;
        enders.delete(unsubscribe);
        listeners.delete(listener);
        if (!listeners.size) byProduct.delete(productId);
        const left = (byAddress.get(address) ?? 1) - 1;
        if (left > 0) byAddress.set(address, left);
        else byAddress.delete(address);
        total -= 1;
      };
      enders.set(unsubscribe, onEnd);
      return unsubscribe;
    },
    async close() {
      closed = true;
      for (const [unsubscribe, end] of [...enders]) {
        unsubscribe();
        end();
      }
      await client?.end().catch(() => undefined);
    },
  };
}

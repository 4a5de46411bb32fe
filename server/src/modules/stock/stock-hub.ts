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
   * Registers a listener for one product's stock changes; answers the unsubscribe function, or `full` when this
   * process already holds `maxSubscribers` streams (or 10 for this address).
   */
  subscribe(productId: string, address: string, listener: StockListener, onEnd: () => void): (() => void) | 'full';
  /** Ends every subscription (their streams close) and the LISTEN connection. */
  close(): Promise<void>;
}

const PER_ADDRESS = 10;
const CHANNEL = 'nexus_stock';

/**
 * One LISTEN connection per process on `nexus_stock` (which the stock trigger NOTIFYs on commit), fanned out
 * in memory to this process's subscribers: a change made by any process reaches the subscribers of every
 * process. Opened with the first subscriber, reopened (with back-off) when the connection drops; changes made
 * while it is down are not replayed, which is why each stream starts with the current stock.
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
      const listening = new pg.Client({ connectionString, application_name: 'nexus-stock-listener' });
      listening.on('notification', (message) => dispatch(message.payload));
      listening.on('error', (error) => {
        logger.warn({ err: error }, 'live stock: LISTEN connection lost; reconnecting');
        client = undefined;
        connecting = undefined;
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
    subscribe(productId, address, listener, onEnd) {
      if (closed || total >= maxSubscribers || (byAddress.get(address) ?? 0) >= PER_ADDRESS) return 'full';
      void connect().catch(() => undefined);
      const listeners = byProduct.get(productId) ?? new Set<StockListener>();
      listeners.add(listener);
      byProduct.set(productId, listeners);
      byAddress.set(address, (byAddress.get(address) ?? 0) + 1);
      total += 1;
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

/** A variant's stock, as the live stream sends it. */
export interface StockUpdate {
  product_id: string;
  variant_id: string;
  stock: number;
}

export interface WatchStockOptions {
  /** Called when the stream fails; it reconnects by itself (after the server's `retry`, 3 s) unless closed. */
  onError?: (error: unknown) => void;
}

/** Stops watching. */
export interface StockWatch {
  close(): void;
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });

/**
 * Reads `GET /products/{id}/stock/events` (Server-Sent Events) with fetch streaming, so it runs in browsers and
 * Node alike: `onStock` gets each variant's current stock first, then every change, and the stream reconnects
 * after a drop (starting again with the current stock, so nothing missed meanwhile stays wrong). An unknown
 * product (404) ends the watch.
 */
export function watchStock(
  { baseUrl, fetch }: { baseUrl: string; fetch: typeof globalThis.fetch },
  productId: string,
  onStock: (update: StockUpdate) => void,
  { onError }: WatchStockOptions = {},
): StockWatch {
  const controller = new AbortController();
  const { signal } = controller;
  let retryMs = 3000;

  const handle = (block: string) => {
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) continue;
      const [field, ...rest] = line.split(':');
      const value = rest.join(':').replace(/^ /, '');
      if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
      else if (field === 'retry' && /^\d+$/.test(value)) retryMs = Number(value);
    }
    if (event !== 'stock' || !data.length) return;
    try {
      onStock(JSON.parse(data.join('\n')) as StockUpdate);
    } catch (error) {
      // A bad event or a throwing callback is reported; the stream goes on.
      onError?.(error);
    }
  };

  void (async () => {
    while (!signal.aborted) {
      try {
        const response = await fetch(`${baseUrl}/api/v1/products/${encodeURIComponent(productId)}/stock/events`, {
          headers: { accept: 'text/event-stream' },
          signal,
        });
        if (response.status === 404) {
          onError?.(new Error(`No product ${productId}`));
          return;
        }
        if (!response.ok || !response.body) throw new Error(`The stock stream answered ${response.status}`);
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        try {
          let buffer = '';
          for (;;) {
            const { value, done } = await reader.read();
            if (done) break;
            buffer += value.replace(/\r\n?/g, '\n');
            for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
              handle(buffer.slice(0, end));
              buffer = buffer.slice(end + 2);
            }
          }
        } finally {
          // Never two connections for one watch: this one is hung up before any reconnect.
          await reader.cancel().catch(() => undefined);
        }
      } catch (error) {
        if (signal.aborted) return;
        onError?.(error);
      }
      await sleep(retryMs, signal);
    }
  })();
  return { close: () => controller.abort() };
}

import { AppError } from '../errors.js';

export interface ConcurrencyLimit {
  /** Runs `task` once a slot is free; refuses with 503 at once when the queue is full, or after `maxWaitMs`. */
  run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T>;
  /**
   * Takes a slot for work that ends later (a whole request); call the returned release exactly once. A caller
   * whose `signal` aborts while it waits (the client went away) leaves the queue instead of taking a slot.
   */
  acquire(signal?: AbortSignal): Promise<() => void>;
}

/**
 * A bulkhead: at most `concurrency` tasks at once, at most `maxQueue` waiting. Work over capacity is shed early
 * (503 `service_unavailable` with Retry-After) instead of queueing until every caller times out.
 */
export function createConcurrencyLimit(options: {
  concurrency: number;
  maxQueue: number;
  maxWaitMs: number;
  what: string;
}): ConcurrencyLimit {
  let active = 0;
  const queue: Array<{ grant: () => void; leave: () => void }> = [];
  const busy = () =>
    new AppError('service_unavailable', `Too many ${options.what} at once; try again shortly`, undefined, {
      'Retry-After': '1',
    });

  const release = () => {
    const next = queue.shift();
    if (next)
      next.grant(); // the slot passes straight to the next waiter
    else active -= 1;
  };
  const releaseOnce = () => {
    let released = false;
    return () => {
      if (!released) {
        released = true;
        release();
      }
    };
  };

  const acquire = (signal?: AbortSignal): Promise<() => void> => {
    if (signal?.aborted) return Promise.reject(busy());
    if (active < options.concurrency) {
      active += 1;
      return Promise.resolve(releaseOnce());
    }
    if (queue.length >= options.maxQueue) return Promise.reject(busy());
    return new Promise((resolve, reject) => {
      const leave = () => {
        const index = queue.indexOf(entry);
        if (index !== -1) queue.splice(index, 1);
        clearTimeout(timer);
        signal?.removeEventListener('abort', leave);
        reject(busy());
      };
      const entry = {
        grant: () => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', leave);
          resolve(releaseOnce());
        },
        leave,
      };
      const timer = setTimeout(leave, options.maxWaitMs);
      signal?.addEventListener('abort', leave, { once: true });
      queue.push(entry);
    });
  };

  return {
    acquire,
    async run(task, signal) {
      const done = await acquire(signal);
      try {
        return await task();
      } finally {
        done();
      }
    },
  };
}

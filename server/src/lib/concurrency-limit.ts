import { AppError } from '../errors.js';

export interface ConcurrencyLimit {
  /** Runs `task` once a slot is free; refuses with 503 at once when the queue is full, or after `maxWaitMs`. */
  run<T>(task: () => Promise<T>): Promise<T>;
  /** Takes a slot for work that ends later (a whole request); call the returned release exactly once. */
  acquire(): Promise<() => void>;
  readonly active: number;
  readonly waiting: number;
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
  const queue: Array<{ grant: () => void; timer: NodeJS.Timeout }> = [];
  const busy = () =>
    new AppError('service_unavailable', `Too many ${options.what} at once; try again shortly`, undefined, {
      'Retry-After': '1',
    });

  const release = () => {
    const next = queue.shift();
    if (next) {
      clearTimeout(next.timer);
      next.grant(); // the slot passes straight to the next waiter
    } else {
      active -= 1;
    }
  };
  const once = () => {
    let released = false;
    return () => {
      if (!released) {
        released = true;
        release();
      }
    };
  };

  const acquire = (): Promise<() => void> => {
    if (active < options.concurrency) {
      active += 1;
      return Promise.resolve(once());
    }
    if (queue.length >= options.maxQueue) return Promise.reject(busy());
    return new Promise((resolve, reject) => {
      const entry = {
        grant: () => resolve(once()),
        timer: setTimeout(() => {
          queue.splice(queue.indexOf(entry), 1);
          reject(busy());
        }, options.maxWaitMs),
      };
      queue.push(entry);
    });
  };

  return {
    acquire,
    async run(task) {
      const done = await acquire();
      try {
        return await task();
      } finally {
        done();
      }
    },
    get active() {
      return active;
    },
    get waiting() {
      return queue.length;
    },
  };
}

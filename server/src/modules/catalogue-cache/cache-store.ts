import { LRUCache } from 'lru-cache';
import type { Redis } from 'ioredis';

/**
 * Where cached response bodies and counts live: this process (LRU), or Redis shared by every process. The TTL is
 * a memory bound, not a freshness rule (every hit is checked against the versions it depends on), so it counts
 * from the last read: a hot entry never expires under load, which would send every concurrent reader of an
 * expensive answer (facets over a broad filter) to the database at the same moment.
 */
export interface CacheStore {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
}

export function memoryCacheStore({ maxEntries, ttlSeconds }: { maxEntries: number; ttlSeconds: number }): CacheStore {
  const lru = new LRUCache<string, string>({
    max: maxEntries,
    ttl: ttlSeconds * 1000,
    updateAgeOnGet: true,
    maxSize: 256 * 1024 * 1024,
    sizeCalculation: (v) => v.length || 1,
  });
  return {
    get: async (key) => lru.get(key),
    set: async (key, value) => void lru.set(key, value),
  };
}

export function redisCacheStore(
  redis: Redis,
  { prefix, ttlSeconds }: { prefix: string; ttlSeconds: number },
): CacheStore {
  return {
    get: async (key) => (await redis.getex(prefix + key, 'EX', ttlSeconds)) ?? undefined,
    set: async (key, value) => void (await redis.set(prefix + key, value, 'EX', ttlSeconds)),
  };
}

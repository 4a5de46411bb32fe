import { LRUCache } from 'lru-cache';
import type { Redis } from 'ioredis';

/** Where cached response bodies and counts live: this process (LRU), or Redis shared by every process. */
export interface CacheStore {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
}

export function memoryCacheStore({ maxEntries, ttlSeconds }: { maxEntries: number; ttlSeconds: number }): CacheStore {
  const lru = new LRUCache<string, string>({
    max: maxEntries,
    ttl: ttlSeconds * 1000,
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
    get: async (key) => (await redis.get(prefix + key)) ?? undefined,
    set: async (key, value) => void (await redis.set(prefix + key, value, 'EX', ttlSeconds)),
  };
}

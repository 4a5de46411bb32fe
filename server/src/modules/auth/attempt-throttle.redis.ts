import type { Redis } from 'ioredis';
import type { AttemptThrottle, ThrottleRule } from './attempt-throttle.js';

// reserve_attempts() of the attempt-counters migration, atomically in Redis. Each key is a hash: a = attempts,
// w = window end (ms), b = blocked until (ms, 0 for none). ARGV per key: allowance, window ms, mode, base ms, max ms.
// Returns 0 when the attempt is counted, else the milliseconds to wait.
const RESERVE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local state = {}
local wait = 0
for i = 1, #KEYS do
  local o = (i - 1) * 5
  local h = redis.call('HMGET', KEYS[i], 'a', 'w', 'b')
  local a, w, b = tonumber(h[1]) or 0, tonumber(h[2]) or 0, tonumber(h[3]) or 0
  if w <= now then a, w, b = 0, now + tonumber(ARGV[o + 2]), 0 end
  if b > now then wait = math.max(wait, b - now) end
  state[i] = { a, w, b }
end
if wait > 0 then return wait end
for i = 1, #KEYS do
  local o = (i - 1) * 5
  local allowance = tonumber(ARGV[o + 1])
  local a, w, b = state[i][1] + 1, state[i][2], 0
  if a >= allowance then
    if ARGV[o + 3] == 'lock' then b = w
    else b = now + math.min(tonumber(ARGV[o + 4]) * 2 ^ (a - allowance), tonumber(ARGV[o + 5])) end
  end
  redis.call('HSET', KEYS[i], 'a', a, 'w', w, 'b', b)
  redis.call('PEXPIREAT', KEYS[i], math.max(w, b))
end
return 0`;

// ARGV per key: allowance. Takes back one attempt; a key whose count drops below its allowance is unblocked.
const RELEASE = `
for i = 1, #KEYS do
  local a = tonumber(redis.call('HGET', KEYS[i], 'a'))
  if a then
    a = math.max(a - 1, 0)
    redis.call('HSET', KEYS[i], 'a', a)
    if a < tonumber(ARGV[i]) then redis.call('HSET', KEYS[i], 'b', 0) end
  end
end
return 0`;

const ruleArgs = (rule: ThrottleRule) => [
  rule.allowance,
  rule.windowSeconds * 1000,
  rule.mode,
  rule.mode === 'slow' ? rule.baseDelaySeconds * 1000 : 0,
  rule.mode === 'slow' ? rule.maxDelaySeconds * 1000 : 0,
];

type Scripted = Redis & {
  nexusReserveAttempts(keyCount: number, ...keysAndArgs: Array<string | number>): Promise<number>;
  nexusReleaseAttempts(keyCount: number, ...keysAndArgs: Array<string | number>): Promise<number>;
};

export function createRedisThrottle(client: Redis, keyPrefix: string): AttemptThrottle {
  const prefix = `${keyPrefix}attempts:`;
  // Loaded once and then sent by SHA (EVALSHA), not as source on every attempt.
  client.defineCommand('nexusReserveAttempts', { lua: RESERVE });
  client.defineCommand('nexusReleaseAttempts', { lua: RELEASE });
  const redis = client as Scripted;
  return {
    async reserve(rules) {
      const wait = Number(
        await redis.nexusReserveAttempts(rules.length, ...rules.map((r) => prefix + r.key), ...rules.flatMap(ruleArgs)),
      );
      return wait > 0 ? { allowed: false, retryAfter: Math.max(1, Math.ceil(wait / 1000)) } : { allowed: true };
    },
    async release(rules, { clear = [] } = {}) {
      if (clear.length) await redis.del(...clear.map((key) => prefix + key));
      const kept = rules.filter((rule) => !clear.includes(rule.key));
      if (kept.length)
        await redis.nexusReleaseAttempts(
          kept.length,
          ...kept.map((r) => prefix + r.key),
          ...kept.map((r) => r.allowance),
        );
    },
    async remember(key, seconds) {
      await redis.set(prefix + key, '1', 'EX', Math.max(1, Math.round(seconds)));
    },
    async isRemembered(key) {
      return (await redis.exists(prefix + key)) === 1;
    },
  };
}

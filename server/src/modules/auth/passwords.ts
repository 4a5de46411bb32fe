import { hash, verify, type Algorithm } from '@node-rs/argon2';
import type { Config } from '../../config.js';
import { createConcurrencyLimit } from '../../lib/concurrency-limit.js';

// Algorithm is an ambient const enum, which isolated modules cannot read: 2 is Argon2id.
const ARGON2ID = 2 as Algorithm;

// argon2 runs on libuv's thread pool (4 threads unless UV_THREADPOOL_SIZE says otherwise). Beyond a short
// queue, a burst of logins or registrations is refused with 503 rather than piling up memory and latency
// for everyone (and for DNS and file work sharing that pool).
const ARGON2_SLOTS = Number(process.env.UV_THREADPOOL_SIZE) || 4;

/**
 * argon2id behind a bounded queue. `signal`: the caller's request; one whose client left is dropped from the
 * queue rather than hashed for nobody.
 */
export interface PasswordHasher {
  hash(password: string, signal?: AbortSignal): Promise<string>;
  verify(passwordHash: string, password: string, signal?: AbortSignal): Promise<boolean>;
  /** Spends the same time as a real verification, so an unknown email is not faster than a wrong password. */
  verifyDummy(password: string, signal?: AbortSignal): Promise<false>;
}

/** argon2id at OWASP's baseline (19 MiB, 2 passes, 1 lane) unless configured otherwise. */
export function createPasswordHasher(config: Pick<Config, 'ARGON2_MEMORY_KIB' | 'ARGON2_TIME_COST'>): PasswordHasher {
  const options = {
    algorithm: ARGON2ID,
    memoryCost: config.ARGON2_MEMORY_KIB,
    timeCost: config.ARGON2_TIME_COST,
    parallelism: 1,
  };
  const dummyHash = hash('nexus-dummy-password', options);
  const cpu = createConcurrencyLimit({
    concurrency: ARGON2_SLOTS,
    maxQueue: 64,
    maxWaitMs: 5_000,
    what: 'password checks',
  });
  return {
    hash: (password, signal) => cpu.run(() => hash(password, options), signal),
    verify: (passwordHash, password, signal) =>
      cpu.run(() => verify(passwordHash, password).catch(() => false), signal),
    verifyDummy: async (password, signal) => {
      const dummy = await dummyHash;
      await cpu.run(() => verify(dummy, password).catch(() => false), signal);
      return false;
    },
  };
}

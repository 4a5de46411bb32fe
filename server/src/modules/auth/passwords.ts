import { hash, verify, type Algorithm } from '@node-rs/argon2';

// Algorithm is an ambient const enum, which isolated modules cannot read: 2 is Argon2id.
const ARGON2ID = 2 as Algorithm;
import type { Config } from '../../config.js';

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(passwordHash: string, password: string): Promise<boolean>;
  /** Spends the same time as a real verification, so an unknown email is not faster than a wrong password. */
  verifyDummy(password: string): Promise<false>;
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
  return {
    hash: (password) => hash(password, options),
    verify: (passwordHash, password) => verify(passwordHash, password).catch(() => false),
    verifyDummy: async (password) => {
      await verify(await dummyHash, password).catch(() => false);
      return false;
    },
  };
}

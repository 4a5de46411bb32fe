import type { Config } from '../../config.js';
import type { ThrottleRule } from './attempt-throttle.js';

type ThrottleConfig = Pick<
  Config,
  | 'LOGIN_MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS'
  | 'LOGIN_MAX_FAILURES_PER_ACCOUNT'
  | 'LOGIN_MAX_FAILURES_PER_IP'
  | 'LOGIN_THROTTLE_WINDOW'
  | 'LOGIN_SLOWDOWN_MAX'
  | 'REGISTER_MAX_PER_IP'
  | 'REGISTER_WINDOW'
>;

const SLOWDOWN_BASE_SECONDS = 1;

/**
 * What a password guess is counted against. Only the guesser's own address can be locked out of an account;
 * guesses from everywhere against one account, and from one address against every account, are slowed to one
 * per up to LOGIN_SLOWDOWN_MAX, so an attacker cannot lock the owner out yet gets few guesses.
 */
export function loginRules(
  config: ThrottleConfig,
  email: string,
  ip: string,
): { rules: ThrottleRule[]; pairKey: string } {
  const window = config.LOGIN_THROTTLE_WINDOW;
  const slow = {
    mode: 'slow',
    baseDelaySeconds: SLOWDOWN_BASE_SECONDS,
    maxDelaySeconds: config.LOGIN_SLOWDOWN_MAX,
  } as const;
  const pairKey = `login:pair:${email}|${ip}`;
  return {
    pairKey,
    rules: [
      {
        key: pairKey,
        allowance: config.LOGIN_MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS,
        windowSeconds: window,
        mode: 'lock',
      },
      {
        key: `login:account:${email}`,
        allowance: config.LOGIN_MAX_FAILURES_PER_ACCOUNT,
        windowSeconds: window,
        ...slow,
      },
      { key: `login:ip:${ip}`, allowance: config.LOGIN_MAX_FAILURES_PER_IP, windowSeconds: window, ...slow },
    ],
  };
}

/** Registrations from one address, each counted whatever its outcome (argon2 is spent either way). */
export function registrationRules(config: ThrottleConfig, ip: string): ThrottleRule[] {
  return [
    {
      key: `register:ip:${ip}`,
      allowance: config.REGISTER_MAX_PER_IP,
      windowSeconds: config.REGISTER_WINDOW,
      mode: 'lock',
    },
  ];
}

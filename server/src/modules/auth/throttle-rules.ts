import type { Config } from '../../config.js';
import type { ThrottleRule } from './attempt-throttle.js';

type ThrottleConfig = Pick<
  Config,
  | 'LOGIN_MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS'
  | 'LOGIN_MAX_FAILURES_PER_ACCOUNT'
  | 'LOGIN_MAX_FAILURES_PER_IP'
  | 'LOGIN_THROTTLE_WINDOW'
  | 'LOGIN_SLOWDOWN_BASE'
  | 'LOGIN_SLOWDOWN_MAX'
  | 'REGISTER_MAX_PER_IP'
  | 'REGISTER_WINDOW'
>;

/** How long an address an account logged in from stays known to it. */
export const KNOWN_ADDRESS_SECONDS = 30 * 86_400;

/** The key marking `ip` as an address `email` has logged in from successfully. */
export const knownAddressKey = (email: string, ip: string) => `login:known:${email}|${ip}`;

/**
 * What a password guess is counted against. Only the guesser's own address can be locked out of an account;
 * guesses from everywhere against one account, and from one address against every account, are slowed to one
 * per up to LOGIN_SLOWDOWN_MAX, so an attacker gets few guesses. An address the account has logged in from
 * before (`knownAddress`) is exempt from the account's slowdown: a botnet hammering the account cannot keep its
 * owner out from their own devices.
 */
export function loginRules(
  config: ThrottleConfig,
  email: string,
  ip: string,
  { knownAddress = false } = {},
): { rules: ThrottleRule[]; pairKey: string } {
  const window = config.LOGIN_THROTTLE_WINDOW;
  const slow = {
    mode: 'slow',
    baseDelaySeconds: config.LOGIN_SLOWDOWN_BASE,
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
      ...(knownAddress
        ? []
        : [
            {
              key: `login:account:${email}`,
              allowance: config.LOGIN_MAX_FAILURES_PER_ACCOUNT,
              windowSeconds: window,
              ...slow,
            },
          ]),
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

/**
 * Password reset requests, counted like failed logins: per account (so nobody can bomb an inbox with reset
 * e-mails) and per address (so nobody can spray every address). Both lock for the rest of the window.
 */
export function passwordResetRules(config: ThrottleConfig, email: string, ip: string): ThrottleRule[] {
  return [
    {
      key: `reset:account:${email}`,
      allowance: config.LOGIN_MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS,
      windowSeconds: config.LOGIN_THROTTLE_WINDOW,
      mode: 'lock',
    },
    {
      key: `reset:ip:${ip}`,
      allowance: config.LOGIN_MAX_FAILURES_PER_IP,
      windowSeconds: config.LOGIN_THROTTLE_WINDOW,
      mode: 'lock',
    },
  ];
}

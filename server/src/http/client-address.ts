import net from 'node:net';
import type { Request } from 'express';

/**
 * The caller's address as throttles and rate limits key it: Express' `req.ip` (which honours TRUST_PROXY),
 * only when it is a real IP address, else the socket's. IPv4-mapped IPv6 is the IPv4 address, and IPv6 is keyed
 * by its /64, the block one subscriber gets, so rotating through one's own prefix buys no fresh budgets.
 */
export function clientAddress(req: Request): string {
  const address = clientIp(req);
  if (!address) return 'unknown';
  return net.isIPv6(address) ? `${ipv6Prefix64(address)}::/64` : address;
}

/** The caller's IP address as a person reads it (a session's `ip`): `req.ip` when valid, IPv4-mapped IPv6 unwrapped. */
export function clientIp(req: Request): string | null {
  const claimed = req.ip && net.isIP(req.ip) ? req.ip : req.socket.remoteAddress;
  if (!claimed) return null;
  return claimed.startsWith('::ffff:') && net.isIPv4(claimed.slice(7)) ? claimed.slice(7) : claimed;
}

/** Where a login comes from, as its session records it. */
export interface SessionClient {
  ip: string | null;
  userAgent: string | null;
}

export function sessionClient(req: Request): SessionClient {
  const agent = req.get('User-Agent')?.trim();
  // PostgreSQL text cannot hold NUL; an agent string is for people to recognise, so the first 512 characters do.
  return { ip: clientIp(req), userAgent: agent ? agent.replaceAll('\u0000', '').slice(0, 512) : null };
}

/** The first four groups of an IPv6 address, expanded (`2001:db8::1` → `2001:db8:0:0`). */
function ipv6Prefix64(address: string): string {
  const [head = '', tail = ''] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = address.includes('::') ? (tail ? tail.split(':') : []) : [];
  const groups = address.includes('::')
    ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right]
    : left;
  return groups
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, '').toLowerCase())
    .join(':');
}

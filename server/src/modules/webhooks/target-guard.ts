import dns from 'node:dns';
import net from 'node:net';

/** Where a webhook may not point: loopback, private, link-local, shared, unspecified and multicast ranges. */
const forbidden = new net.BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  forbidden.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  forbidden.addSubnet(network, prefix, 'ipv6');
}

/** Why an address may not be a webhook target, or undefined when it may. IPv4-mapped IPv6 is judged as IPv4. */
export function forbiddenAddress(address: string): string | undefined {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  const ip = mapped ?? address;
  const family = net.isIPv4(ip) ? 'ipv4' : net.isIPv6(ip) ? 'ipv6' : undefined;
  if (!family) return `${address} is not an IP address`;
  return forbidden.check(ip, family) ? `${address} is a loopback, private or link-local address` : undefined;
}

/** For a URL whose host is a literal IP address: why it is refused (checked at creation; names at delivery). */
export function literalTargetProblem(url: string): string | undefined {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  return net.isIP(host) ? forbiddenAddress(host) : undefined;
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | dns.LookupAddress[],
  family?: number,
) => void;

/**
 * A `lookup` for http.request that refuses forbidden addresses: the check runs on the very addresses the socket
 * connects to, so a name that resolves differently the second time (DNS rebinding) cannot slip through.
 */
export function guardedLookup(hostname: string, options: dns.LookupOptions, callback: LookupCallback): void {
  dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, []);
    const list = addresses as dns.LookupAddress[];
    const refused = list.map((entry) => forbiddenAddress(entry.address)).find(Boolean);
    if (refused)
      return callback(Object.assign(new Error(`Refused target: ${refused}`), { code: 'ETARGETREFUSED' }), []);
    if (options.all) return callback(null, list);
    const [first] = list;
    return first ? callback(null, first.address, first.family) : callback(new Error(`${hostname} has no address`), []);
  });
}

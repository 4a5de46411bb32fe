/**
 * Checks a Nexus webhook delivery, for integrators: `header` is `X-Nexus-Signature` (`t=<unix s>,v1=<hex>`),
 * `rawBody` the request body exactly as received (before any JSON parsing), `secret` the webhook's secret.
 * True when a `v1` signature is the HMAC-SHA256 of `t.rawBody` and `t` is within `toleranceSeconds` of now
 * (a replayed old delivery is refused). Uses Web Crypto, so it runs in Node 20+, browsers, Deno and workers.
 *
 * ```ts
 * app.post('/hooks/nexus', express.raw({ type: 'application/json' }), async (req, res) => {
 *   if (!(await verifyWebhookSignature(process.env.NEXUS_WEBHOOK_SECRET!, req.get('x-nexus-signature'), req.body)))
 *     return res.sendStatus(400);
 *   const event = JSON.parse(req.body.toString()); // { id, type, occurred_at, data }
 *   res.sendStatus(204);
 * });
 * ```
 */
export async function verifyWebhookSignature(
  secret: string,
  header: string | null | undefined,
  rawBody: string | Uint8Array,
  { toleranceSeconds = 300, now = Date.now() }: { toleranceSeconds?: number; now?: number } = {},
): Promise<boolean> {
  if (!header) return false;
  const parts = header.split(',').map((part) => part.trim().split('=') as [string, string | undefined]);
  const timestamp = Number(parts.find(([key]) => key === 't')?.[1]);
  const signatures = parts.filter(([key, value]) => key === 'v1' && value).map(([, value]) => value!.toLowerCase());
  if (!Number.isInteger(timestamp) || !signatures.length) return false;
  if (Math.abs(now / 1000 - timestamp) > toleranceSeconds) return false;

  const encoder = new TextEncoder();
  const body = typeof rawBody === 'string' ? encoder.encode(rawBody) : rawBody;
  const signed = new Uint8Array(encoder.encode(`${timestamp}.`).length + body.length);
  signed.set(encoder.encode(`${timestamp}.`));
  signed.set(body, signed.length - body.length);
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
  ]);
  const expected = [...new Uint8Array(await crypto.subtle.sign('HMAC', key, signed))]
    .map((byte) => byte.toString(16).padStart(2, '0'))
    .join('');
  return signatures.some((signature) => equalInConstantTime(signature, expected));
}

function equalInConstantTime(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i += 1) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return difference === 0;
}

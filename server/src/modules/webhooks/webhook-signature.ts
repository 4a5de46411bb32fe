import { createHmac, randomBytes } from 'node:crypto';

/** A new signing secret: 192 random bits. */
export const newWebhookSecret = () => `whsec_${randomBytes(24).toString('base64url')}`;

/** What lists show of a secret: enough to recognise it, not to use it. */
export const maskSecret = (secret: string) => `whsec_…${secret.slice(-4)}`;

/** `X-Nexus-Signature`: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`, as API.md specifies. */
export function signatureHeader(secret: string, body: string, at = Math.floor(Date.now() / 1000)): string {
  return `t=${at},v1=${createHmac('sha256', secret).update(`${at}.${body}`).digest('hex')}`;
}

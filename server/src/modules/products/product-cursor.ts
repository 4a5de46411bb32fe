import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** What a cursor carries: the last row's sort value and id, and a fingerprint of the query it continues. */
export interface CursorPosition {
  value: string | number;
  id: string;
}

interface Payload {
  q: string; // fingerprint of filters + ordering
  v: string | number;
  i: string;
}

const MAC_BYTES = 16;

/**
 * Opaque, tamper-evident keyset cursors: base64url(JSON) + "." + truncated HMAC-SHA256. A cursor decodes only
 * for the query (filters and ordering) that produced it, so a forged, edited or foreign cursor is refused.
 */
export function createCursorCodec(secret: string) {
  const key = createHmac('sha256', secret).update('nexus-catalogue-cursor-v1').digest();
  const mac = (data: string) => createHmac('sha256', key).update(data).digest().subarray(0, MAC_BYTES);

  return {
    /** A stable fingerprint of everything that shapes the result order and set. */
    fingerprint(query: Record<string, unknown>): string {
      const stable = JSON.stringify(
        Object.keys(query)
          .sort()
          .map((k) => [k, query[k] ?? null]),
      );
      return createHash('sha256').update(stable).digest('base64url').slice(0, 16);
    },
    encode(fingerprint: string, position: CursorPosition): string {
      const data = Buffer.from(
        JSON.stringify({ q: fingerprint, v: position.value, i: position.id } satisfies Payload),
      ).toString('base64url');
      return `${data}.${mac(data).toString('base64url')}`;
    },
    /** The position, or undefined when the cursor is malformed, forged or belongs to another query. */
    decode(cursor: string, fingerprint: string): CursorPosition | undefined {
      const [data, signature, extra] = cursor.split('.');
      if (!data || !signature || extra !== undefined) return undefined;
      const given = Buffer.from(signature, 'base64url');
      if (given.length !== MAC_BYTES || !timingSafeEqual(given, mac(data))) return undefined;
      try {
        const payload = JSON.parse(Buffer.from(data, 'base64url').toString('utf8')) as Payload;
        if (payload.q !== fingerprint || typeof payload.i !== 'string') return undefined;
        if (typeof payload.v !== 'string' && typeof payload.v !== 'number') return undefined;
        return { value: payload.v, id: payload.i };
      } catch {
        return undefined;
      }
    },
  };
}
export type CursorCodec = ReturnType<typeof createCursorCodec>;

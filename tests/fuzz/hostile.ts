import fc from 'fast-check';

/** Strings attackers and broken clients send: unstorable text, injections, extremes, invisible characters. */
export const HOSTILE_STRINGS = [
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfffy',
  '',
  ' ',
  '%',
  '_',
  '\\',
  "' OR '1'='1",
  '"; drop table users; --',
  '${jndi:ldap://example.invalid/a}',
  '<script>alert(1)</script>',
  '\u202egnp.exe',
  '😀🏳️‍🌈',
  'Ünïcödé',
  '\u200b',
  'null',
  'NaN',
  '-1',
  '1e309',
  '9'.repeat(400),
  '../../etc/passwd',
  '%zz',
  'x'.repeat(10_000),
  'a'.repeat(256),
];

/** Values of the wrong type, or numbers at the edges of what JSON and JavaScript can say. */
export const WRONG_VALUES: unknown[] = [
  null,
  true,
  0,
  -1,
  1.5,
  -0,
  1e308,
  2 ** 53 + 1,
  [],
  {},
  [1, 2],
  { a: 1 },
  'text',
];

/** Raw query values, sent unencoded: malformed escapes, NUL, numbers past every bound. */
export const HOSTILE_QUERY_VALUES = [
  '%00',
  'a%00b',
  '%zz',
  '%',
  '%ff',
  '%E0%A4%A',
  '%ED%A0%80',
  '1e20',
  '-1',
  '0',
  'NaN',
  'Infinity',
  '',
  '9007199254740993',
  'true',
  '%5B%5D',
  'x'.repeat(3_000),
];

/** Raw path segments in place of an id, sent unencoded. */
export const HOSTILE_SEGMENTS = [
  '%zz',
  '%',
  '%00',
  '%E0%A4%A',
  '%2F..%2F',
  'null',
  '0',
  '-1',
  "'%20OR%201=1",
  'x'.repeat(2_000),
  '%F0%9F%98%80',
];

/** Whole bodies that are not the JSON object a route expects. */
export const RAW_BODIES: Array<string | Buffer> = [
  '',
  '{',
  '{"a":',
  'null',
  '[]',
  '1',
  '"text"',
  '{"a":1,"a":2}',
  '\ufeff{}',
  Buffer.from([0xff, 0xfe, 0x00, 0x7b]),
  '{"__proto__":{"admin":true}}',
  '{"constructor":{"prototype":{"x":1}}}',
];

export const CONTENT_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'application/json; charset=latin1',
  'application/merge-patch+json',
  'multipart/form-data; boundary=x',
  'application/json; charset=utf-8',
];

export const CONTENT_ENCODINGS = ['gzip', 'deflate', 'br', 'identity', 'x-unknown'];

/** Authorization headers that are not a valid access token. */
export const BAD_AUTHORIZATIONS = [
  'Bearer ',
  'Bearer garbage',
  'Basic YWRtaW46YWRtaW4=',
  'bearer a.b.c',
  `Bearer ${'x'.repeat(5_000)}`,
  // alg none, claiming to be an admin
  `Bearer ${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from('{"sub":"00000000-0000-4000-8000-000000000000","role":"admin"}').toString('base64url')}.`,
];

/** Headers a client makes up: forwarded addresses (the fuzz server trusts one proxy hop) and request ids. */
export const HOSTILE_HEADERS: Array<Record<string, string>> = [
  { 'x-forwarded-for': 'x'.repeat(6_000) },
  { 'x-forwarded-for': 'not-an-address' },
  { 'x-forwarded-for': '1.2.3.4, 5.6.7.8, 9.10.11.12' },
  { 'x-forwarded-for': '2001:db8::1' },
  { 'x-forwarded-for': '::ffff:10.0.0.1' },
  { 'x-forwarded-for': "' or 1=1 --" },
  { 'x-forwarded-for': ',,,' },
  { 'x-request-id': 'x'.repeat(500) },
  { 'x-request-id': '<script>alert(1)</script>' },
  { 'x-cart-token': 'x'.repeat(1_000) },
  { 'idempotency-key': '' },
];

export const hostileString = fc.constantFrom(...HOSTILE_STRINGS);

/**
 * Money as the API and PostgreSQL hold it: decimal strings with two places. Arithmetic is done in whole cents
 * (BigInt), never in floating point.
 */
export function toCents(amount: string): bigint {
  const [units = '0', cents = ''] = amount.split('.');
  const sign = units.startsWith('-') ? -1n : 1n;
  return sign * (BigInt(units.replace('-', '') || '0') * 100n + BigInt(cents.padEnd(2, '0').slice(0, 2) || '0'));
}

/** `129900n` → `"1299.00"`. */
export function fromCents(cents: bigint): string {
  const negative = cents < 0n;
  const abs = negative ? -cents : cents;
  return `${negative ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

/** The exact sum of decimal amounts. */
export const sumMoney = (amounts: string[]): string =>
  fromCents(amounts.reduce((sum, amount) => sum + toCents(amount), 0n));

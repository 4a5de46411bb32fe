/** Currencies Stripe counts in whole units: `"1299.00"` JPY is 1299, not 129900. */
export const ZERO_DECIMAL_CURRENCIES: ReadonlySet<string> = new Set([
  'BIF',
  'CLP',
  'DJF',
  'GNF',
  'JPY',
  'KMF',
  'KRW',
  'MGA',
  'PYG',
  'RWF',
  'UGX',
  'VND',
  'VUV',
  'XAF',
  'XOF',
  'XPF',
]);
/** Currencies Stripe counts in thousandths (the last digit must be 0): `"12.34"` KWD is 12340. */
export const THREE_DECIMAL_CURRENCIES: ReadonlySet<string> = new Set(['BHD', 'JOD', 'KWD', 'OMR', 'TND']);

/**
 * A money string (`"1299.00"`, exactly two decimals, as the database and the API hold it) in the currency's
 * smallest unit, by string operations only: no float ever touches an amount. A fraction a zero-decimal
 * currency cannot carry is refused rather than rounded.
 */
export function toMinorUnits(amount: string, currency: string): number {
  const match = /^(\d{1,13})\.(\d{2})$/.exec(amount);
  if (!match) throw new RangeError(`Not a money amount: ${JSON.stringify(amount)}`);
  const [, units, cents] = match as unknown as [string, string, string];
  const code = currency.toUpperCase();
  if (ZERO_DECIMAL_CURRENCIES.has(code)) {
    if (cents !== '00') throw new RangeError(`${code} has no minor unit: ${amount} cannot be charged exactly`);
    return Number(units);
  }
  const digits = THREE_DECIMAL_CURRENCIES.has(code) ? `${units}${cents}0` : `${units}${cents}`;
  return Number(digits);
}

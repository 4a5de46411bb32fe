import { z } from 'zod';
import { extendApi } from './openapi-meta.js';

const DECIMAL = /^\d{1,8}(\.\d{1,2})?$/;

/** Pads a validated decimal to exactly two fractional digits, by string: money never becomes a float. */
export function toMoneyString(value: string): string {
  const [units = '0', cents = ''] = value.split('.');
  return `${units.replace(/^0+(?=\d)/, '')}.${cents.padEnd(2, '0')}`;
}

/** Money on the wire: a decimal string with exactly two fractional digits. */
export const MoneySchema = extendApi(z.string().regex(/^\d+\.\d{2}$/), {
  description: 'Decimal string with exactly two fractional digits',
  example: '1299.00',
});

/**
 * Money in a request: a string or a number with at most two decimals, greater than 0 and at most
 * 99999999.99. Normalised to the wire form (`"1299.00"`).
 */
export const PriceInputSchema = extendApi(
  z.union([z.string().trim(), z.number()]).transform((value, ctx) => {
    const text = String(value);
    if (!DECIMAL.test(text)) {
      const tooPrecise = /^\d+\.\d{3,}$/.test(text);
      const tooLarge = /^\d{9,}(\.\d*)?$/.test(text);
      ctx.addIssue({
        code: 'custom',
        message: tooPrecise
          ? 'must have at most two decimal places'
          : tooLarge
            ? 'must be at most 99999999.99'
            : 'must be a positive decimal such as 1299.00',
      });
      return z.NEVER;
    }
    const money = toMoneyString(text);
    if (/^0+\.00$/.test(money)) {
      ctx.addIssue({ code: 'custom', message: 'must be greater than 0' });
      return z.NEVER;
    }
    return money;
  }),
  { description: 'A decimal string or number, > 0, at most two decimals, at most 99999999.99', example: '1299.00' },
);

/** A price bound in a query string (`min_price=10`, `max_price=99.99`); zero is allowed. */
export const PriceBoundSchema = z
  .string()
  .trim()
  .regex(DECIMAL, 'must be a decimal such as 10 or 99.99')
  .transform(toMoneyString);

/** Compares two wire-form money strings exactly (no float): negative, zero or positive like a sort comparator. */
export function compareMoney(a: string, b: string): number {
  const [unitsA = '', centsA = ''] = toMoneyString(a).split('.');
  const [unitsB = '', centsB = ''] = toMoneyString(b).split('.');
  return unitsA.length - unitsB.length || unitsA.localeCompare(unitsB) || centsA.localeCompare(centsB);
}

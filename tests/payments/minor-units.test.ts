import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { toMinorUnits } from '../../server/src/modules/payments/minor-units.js';

describe('minor units for Stripe, by string', () => {
  it('counts cents for two-decimal currencies', () => {
    expect(toMinorUnits('1299.00', 'USD')).toBe(129900);
    expect(toMinorUnits('0.10', 'eur')).toBe(10);
    expect(toMinorUnits('20.29', 'GBP')).toBe(2029);
    // 0.1 + 0.2 style floats would make 1.15 * 100 = 114.99999999999999.
    expect(toMinorUnits('1.15', 'USD')).toBe(115);
    expect(toMinorUnits('99999999999.99', 'USD')).toBe(9_999_999_999_999);
  });

  it('counts whole units for zero-decimal currencies, and refuses a fraction they cannot carry', () => {
    for (const code of ['JPY', 'KRW', 'VND', 'CLP', 'XOF', 'BIF']) expect(toMinorUnits('1299.00', code)).toBe(1299);
    expect(() => toMinorUnits('1299.50', 'JPY')).toThrow(/JPY has no minor unit/);
  });

  it('counts thousandths for three-decimal currencies', () => {
    expect(toMinorUnits('12.34', 'KWD')).toBe(12340);
  });

  it('refuses anything that is not an exact two-decimal amount', () => {
    for (const bad of ['12', '12.3', '12.345', '-1.00', '1e3', ' 1.00', 'NaN']) {
      expect(() => toMinorUnits(bad, 'USD')).toThrow(RangeError);
    }
  });

  it('equals the integer arithmetic on cents for every amount', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 9_999_999_999_999n }), (cents) => {
        const text = `${cents / 100n}.${(cents % 100n).toString().padStart(2, '0')}`;
        expect(toMinorUnits(text, 'USD')).toBe(Number(cents));
      }),
    );
  });
});

/** Adds Money strings (`"1299.00"`) exactly, in whole cents: revenue over 30 days never drifts through floats. */
export function sumMoney(amounts: readonly string[]): string {
  const cents = amounts.reduce((total, amount) => {
    const [units = '0', fraction = ''] = amount.split('.');
    return total + BigInt(units) * 100n + BigInt(fraction.padEnd(2, '0').slice(0, 2) || '0');
  }, 0n);
  const units = cents / 100n;
  const rest = (cents % 100n).toString().padStart(2, '0');
  return `${units}.${rest}`;
}

const dateTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium' });

/** A timestamp as a person reads it, in their own time zone. */
export const formatDateTime = (iso: string | null | undefined): string => (iso ? dateTime.format(new Date(iso)) : '—');
export const formatDate = (iso: string | null | undefined): string => (iso ? dateOnly.format(new Date(iso)) : '—');

/** A Money string (`"1299.00"`) with its currency; the string is shown as it is, never through a float. */
export function formatMoney(amount: string, currency = 'USD'): string {
  const [whole = '0', cents = '00'] = amount.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const symbol = currency === 'USD' ? '$' : currency === 'EUR' ? '€' : currency === 'GBP' ? '£' : `${currency} `;
  return `${grouped.startsWith('-') ? '-' : ''}${symbol}${grouped.replace(/^-/, '')}.${cents.padEnd(2, '0')}`;
}

/** What a person is called on screen: their name, or their email while they have none. */
export const displayName = (user: { first_name: string; last_name: string; email: string }): string =>
  `${user.first_name} ${user.last_name}`.trim() || user.email;

/** Below this many units a variant is low on stock, on every screen that says so. */
export const LOW_STOCK_BELOW = 5;

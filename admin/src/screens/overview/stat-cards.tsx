import type { StoreStats } from '@nexus/client-sdk';
import { formatMoney } from '../../lib/format';
import { ErrorAlert, Skeleton } from '../../ui/feedback';
import { sumMoney } from './money-sum';

interface StatCardsProps {
  stats: StoreStats | undefined;
  error: unknown;
  onRetry: () => void;
  days: number;
}

/** The four headline figures: orders and revenue today, and over the whole period. */
export function StatCards({ stats, error, onRetry, days }: StatCardsProps) {
  if (error && !stats) return <ErrorAlert error={error} onRetry={onRetry} />;
  const money = (amount: string) => formatMoney(amount, stats?.currency);
  const figures = [
    { label: 'Orders today', value: stats ? stats.today.orders.toLocaleString('en') : null },
    { label: 'Revenue today', value: stats ? money(stats.today.revenue) : null },
    {
      label: `Orders, last ${days} days`,
      value: stats ? stats.days.reduce((sum, day) => sum + day.orders, 0).toLocaleString('en') : null,
    },
    {
      label: `Revenue, last ${days} days`,
      value: stats ? money(sumMoney(stats.days.map((day) => day.revenue))) : null,
    },
  ];
  return (
    <div className="grid-4">
      {figures.map((figure) => (
        <div key={figure.label} className="card" aria-busy={figure.value === null}>
          <div className="muted">{figure.label}</div>
          <div className="stat">{figure.value ?? <Skeleton width="50%" />}</div>
        </div>
      ))}
    </div>
  );
}

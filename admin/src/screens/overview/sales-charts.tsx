import type { DailySales, StoreStats } from '@nexus/client-sdk';
import { formatMoney } from '../../lib/format';
import { BarChart, type BarDatum } from '../../ui/bar-chart';
import { ErrorAlert, Skeleton } from '../../ui/feedback';
import { Card } from '../../ui/page';

// The stats are per UTC day: the label must not shift a day in the admin's own time zone.
const dayLabel = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
const labelOf = (day: DailySales): string => dayLabel.format(new Date(`${day.date}T00:00:00Z`));

interface SalesChartsProps {
  stats: StoreStats | undefined;
  error: unknown;
  onRetry: () => void;
}

/** Orders and revenue per day, side by side; today is the last, darker bar. */
export function SalesCharts({ stats, error, onRetry }: SalesChartsProps) {
  const orders: BarDatum[] | undefined = stats?.days.map((day) => ({
    label: labelOf(day),
    value: day.orders,
    description: `${labelOf(day)}: ${day.orders} ${day.orders === 1 ? 'order' : 'orders'}`,
  }));
  const revenue: BarDatum[] | undefined = stats?.days.map((day) => ({
    label: labelOf(day),
    // Only the bar's height goes through a float; the figure read out stays the exact string.
    value: Number(day.revenue),
    description: `${labelOf(day)}: ${formatMoney(day.revenue, stats.currency)}`,
  }));
  return (
    <div className="grid-2">
      <Card title="Orders per day">
        <ChartBody title="Orders per day" data={orders} error={error} onRetry={onRetry} />
      </Card>
      <Card title="Revenue per day">
        <ChartBody title="Revenue per day" data={revenue} error={error} onRetry={onRetry} />
      </Card>
    </div>
  );
}

function ChartBody(props: { title: string; data: BarDatum[] | undefined; error: unknown; onRetry: () => void }) {
  if (props.error && !props.data) return <ErrorAlert error={props.error} onRetry={props.onRetry} />;
  if (!props.data) {
    return (
      <div className="chart-skeleton" aria-busy="true">
        <Skeleton width="100%" />
      </div>
    );
  }
  return <BarChart title={props.title} data={props.data} />;
}

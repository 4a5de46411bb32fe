import { PageHeader } from '../../ui/page';
import { DeliveriesCard } from './deliveries-card';
import { LatestOrdersCard } from './latest-orders-card';
import { LowStockCard } from './low-stock-card';
import { SalesCharts } from './sales-charts';
import { StatCards } from './stat-cards';
import { useStoreStats } from './stats.queries';
import './overview.css';
import { LOW_STOCK_BELOW } from '../../lib/format';

const DAYS = 30;

/** The dashboard's landing page: today's and the month's sales, what is running out, and what is failing. */
export function OverviewScreen() {
  const stats = useStoreStats(DAYS, LOW_STOCK_BELOW);
  const retry = () => void stats.refetch();
  return (
    <div className="overview">
      <PageHeader title="Overview" lead={`The store at a glance: sales per UTC day over the last ${DAYS} days.`} />
      <div className="stack">
        <StatCards stats={stats.data} error={stats.error} onRetry={retry} days={DAYS} />
        <SalesCharts stats={stats.data} error={stats.error} onRetry={retry} />
        <LatestOrdersCard />
        <div className="overview-split">
          <LowStockCard
            stats={stats.data}
            loading={stats.isFetching}
            error={stats.error}
            onRetry={retry}
            below={LOW_STOCK_BELOW}
          />
          <DeliveriesCard />
        </div>
      </div>
    </div>
  );
}

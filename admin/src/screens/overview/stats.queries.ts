import { useQuery } from '@tanstack/react-query';
import { nexus } from '../../api/nexus';

export const statsKeys = {
  all: ['stats'] as const,
  overview: (days: number, lowStockBelow: number) => ['stats', 'overview', days, lowStockBelow] as const,
  deliveries: ['stats', 'deliveries'] as const,
};

/** Sales per UTC day over the last `days` days, today's figures and the variants with fewer than `lowStockBelow` units. */
export function useStoreStats(days: number, lowStockBelow: number) {
  return useQuery({
    queryKey: statsKeys.overview(days, lowStockBelow),
    queryFn: () => nexus.stats.overview({ query: { days, low_stock_below: lowStockBelow } }),
  });
}

/** How background delivery of mail and webhooks is doing: what waits, what fails, what is dead. */
export function useDeliveryStats() {
  return useQuery({ queryKey: statsKeys.deliveries, queryFn: () => nexus.deliveries.stats() });
}

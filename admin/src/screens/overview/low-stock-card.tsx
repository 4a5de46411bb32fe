import { Link } from 'react-router';
import type { LowStockVariant, StoreStats } from '@nexus/client-sdk';
import { DataTable, type Column } from '../../ui/data-table';
import { Badge } from '../../ui/feedback';
import { Card } from '../../ui/page';

const columns: Column<LowStockVariant>[] = [
  {
    header: 'Product',
    cell: (variant) => <Link to={`/products/${variant.product_id}`}>{variant.product_name}</Link>,
  },
  { header: 'Variant', cell: (variant) => variant.variant_title || <span className="muted">—</span> },
  { header: 'SKU', cell: (variant) => <span className="mono">{variant.sku}</span> },
  {
    header: 'Stock',
    numeric: true,
    cell: (variant) =>
      variant.stock === 0 ? <Badge tone="danger">sold out</Badge> : <Badge tone="warn">{variant.stock}</Badge>,
  },
];

interface LowStockCardProps {
  stats: StoreStats | undefined;
  loading: boolean;
  error: unknown;
  onRetry: () => void;
  below: number;
}

/** The variants closest to selling out, lowest first, each a click from its product. */
export function LowStockCard({ stats, loading, error, onRetry, below }: LowStockCardProps) {
  return (
    <Card title="Low stock">
      <p className="muted" style={{ marginTop: 0 }}>
        Variants with fewer than {below} units, lowest first.
      </p>
      <div className="low-stock">
        <DataTable
          caption="Variants low on stock"
          columns={columns}
          rows={stats?.low_stock}
          rowKey={(variant) => variant.variant_id}
          loading={loading}
          error={error}
          onRetry={onRetry}
          empty="No variant is running low."
          skeletonRows={5}
        />
      </div>
    </Card>
  );
}

import { Link } from 'react-router';
import type { Product } from '@nexus/client-sdk';
import { LOW_STOCK_BELOW, formatDate, formatMoney } from '../../lib/format';
import type { Column } from '../../ui/data-table';
import { Badge } from '../../ui/feedback';

/** Below this many units a product is shown as low on stock (the overview's default threshold). */

/** A product's stock, flagged when it is out or low. */
export function StockBadge({ stock }: { stock: number }) {
  if (stock === 0) return <Badge tone="danger">Out of stock</Badge>;
  if (stock < LOW_STOCK_BELOW) return <Badge tone="warn">Low: {stock}</Badge>;
  return <>{stock.toLocaleString('en')}</>;
}

function Thumbnail({ product }: { product: Product }) {
  const image = product.images[0];
  if (!image) return <span className="product-thumb" aria-hidden="true" />;
  // The small thumbnail when made; the original until then (the browser scales it, lazily).
  const src = image.thumbnails.small ?? image.url;
  return <img className="product-thumb" src={src} alt={image.alt || product.name} loading="lazy" />;
}

function Skus({ product }: { product: Product }) {
  if (product.variants.length === 1) return <span className="mono">{product.variants[0]?.sku}</span>;
  return (
    <span>
      {product.variants.length} variants
      <span className="mono muted"> · {product.variants[0]?.sku}…</span>
    </span>
  );
}

function Rating({ product }: { product: Product }) {
  if (!product.rating_avg) return <span className="muted">—</span>;
  return (
    <span>
      {product.rating_avg} <span className="muted">({product.review_count})</span>
    </span>
  );
}

/** The products list's columns. */
export const productColumns: Column<Product>[] = [
  { header: 'Image', cell: (product) => <Thumbnail product={product} />, width: '64px' },
  {
    header: 'Name',
    cell: (product) => (
      <span className="product-name">
        <Link to={`/products/${product.id}`}>{product.name}</Link>
        <span className="muted">{product.category.name}</span>
      </span>
    ),
  },
  { header: 'SKU', cell: (product) => <Skus product={product} /> },
  { header: 'Price', cell: (product) => formatMoney(product.price), numeric: true },
  { header: 'Stock', cell: (product) => <StockBadge stock={product.stock} />, numeric: true },
  { header: 'Rating', cell: (product) => <Rating product={product} />, numeric: true },
  { header: 'Updated', cell: (product) => formatDate(product.updated_at) },
];

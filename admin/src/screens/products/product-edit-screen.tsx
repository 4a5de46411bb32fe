import { Link, useParams } from 'react-router';
import { ErrorAlert, Skeleton } from '../../ui/feedback';
import { PageHeader } from '../../ui/page';
import { ProductEditor } from './product-editor';
import { useProduct } from './products.queries';
import './products.css';

/** One product: its details, variants and images, saved through the API's own rules. */
export function ProductEditScreen() {
  const { id = '' } = useParams();
  const product = useProduct(id);
  if (!product.data) {
    return (
      <>
        <PageHeader title="Product" lead={<Link to="/products">Back to products</Link>} />
        {product.error ? (
          <ErrorAlert error={product.error} onRetry={() => void product.refetch()} />
        ) : (
          <div className="stack" aria-busy="true">
            <Skeleton width={320} />
            <Skeleton width="60%" />
            <Skeleton width="80%" />
          </div>
        )}
      </>
    );
  }
  // Keyed by id: another product's form starts from that product, never from this one's edits.
  return <ProductEditor key={id} product={product.data} />;
}

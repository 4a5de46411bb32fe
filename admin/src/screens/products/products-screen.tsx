import { useEffect } from 'react';
import { Link } from 'react-router';
import { fieldErrorsOf } from '../../lib/problems';
import { useUrlFilters } from '../../lib/url-state';
import { DataTable, tableStateOf } from '../../ui/data-table';
import { PageHeader } from '../../ui/page';
import { CursorPager } from '../../ui/pager';
import { catalogueDefaults, catalogueQueryOf, isFiltered, trailOf, type CatalogueFilters } from './catalogue-query';
import { productColumns } from './product-columns';
import { ProductsFilters } from './products-filters';
import { useProducts } from './products.queries';
import './products.css';

/**
 * The catalogue, searched and filtered by the API and paged by keyset cursor, so it costs the same at a million
 * products as at ten; the filters and the cursors walked are in the URL.
 */
export function ProductsScreen() {
  const [filters, setFilters] = useUrlFilters(catalogueDefaults);
  const products = useProducts(catalogueQueryOf(filters));
  const trail = trailOf(filters);
  // A cursor only continues the query that made it: any filter change starts from the first page.
  const filter = (patch: Partial<CatalogueFilters>, options?: { replace?: boolean }) =>
    setFilters({ ...patch, cursor: '', trail: '' }, options);
  // A cursor outlives nothing but its query: after a restart with a new secret (or from an old link) the API
  // refuses it; start again from the first page rather than show an error the admin cannot act on.
  const staleCursor = filters.cursor !== '' && 'cursor' in fieldErrorsOf(products.error);
  useEffect(() => {
    if (staleCursor) setFilters({ cursor: '', trail: '' }, { replace: true });
  }, [staleCursor, setFilters]);
  const count = products.data?.count;
  return (
    <>
      <PageHeader
        title="Products"
        lead={count != null ? `${count.toLocaleString('en')} products match.` : 'The catalogue.'}
        actions={
          <Link className="btn primary" to="/products/new">
            New product
          </Link>
        }
      />
      <ProductsFilters filters={filters} errors={fieldErrorsOf(products.error)} onChange={filter} />
      <DataTable
        caption="Products"
        columns={productColumns}
        rows={products.data?.results}
        rowKey={(product) => product.id}
        {...tableStateOf(products)}
        empty={isFiltered(filters) ? 'No product matches these filters.' : 'No products yet: create the first one.'}
      />
      <CursorPager
        trail={trail}
        nextCursor={products.data?.next_cursor}
        onMove={(cursor, nextTrail) => setFilters({ cursor, trail: nextTrail.join(',') })}
      />
    </>
  );
}

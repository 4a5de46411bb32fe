import { Field } from '../../ui/field';
import { SearchInput } from '../../ui/search-input';
import { choiceLabel, useCategoryChoices } from './category-choices';
import { isFiltered, type CatalogueFilters } from './catalogue-query';
import { PriceFilter } from './price-filter';

const orderings = [
  { value: '', label: 'Newest first' },
  { value: 'oldest', label: 'Oldest first' },
  { value: 'name', label: 'Name, A to Z' },
  { value: '-name', label: 'Name, Z to A' },
  { value: 'price', label: 'Price, low to high' },
  { value: '-price', label: 'Price, high to low' },
  { value: '-rating', label: 'Best rated' },
];

interface ProductsFiltersProps {
  filters: CatalogueFilters;
  /** The API's complaints about the query, by parameter (an unknown category, a bad price bound in the URL). */
  errors: Record<string, string>;
  onChange: (patch: Partial<CatalogueFilters>, options?: { replace?: boolean }) => void;
}

/** The catalogue query's filters: words, category, price range, stock, rating and order. */
export function ProductsFilters({ filters, errors, onChange }: ProductsFiltersProps) {
  const categories = useCategoryChoices();
  return (
    <div className="filters product-filters" role="search" aria-label="Filter products">
      <SearchInput
        label="Search"
        placeholder="Words or a SKU"
        value={filters.search}
        onSearch={(search) => onChange({ search }, { replace: true })}
      />
      <Field label="Category" error={errors.category}>
        {(control) => (
          <select
            {...control}
            value={filters.category}
            onChange={(event) => onChange({ category: event.target.value })}
          >
            <option value="">All categories</option>
            {categories.data?.map((choice) => (
              <option key={choice.id} value={choice.slug}>
                {choiceLabel(choice)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <PriceFilter
        label="Min price"
        value={filters.min_price}
        serverError={errors.min_price}
        onChange={(min_price) => onChange({ min_price })}
      />
      <PriceFilter
        label="Max price"
        value={filters.max_price}
        serverError={errors.max_price}
        onChange={(max_price) => onChange({ max_price })}
      />
      <Field label="Stock">
        {(control) => (
          <select
            {...control}
            value={filters.in_stock}
            onChange={(event) => onChange({ in_stock: event.target.value })}
          >
            <option value="">Any stock</option>
            <option value="true">In stock</option>
          </select>
        )}
      </Field>
      <Field label="Rating" error={errors.min_rating}>
        {(control) => (
          <select
            {...control}
            value={filters.min_rating}
            onChange={(event) => onChange({ min_rating: event.target.value })}
          >
            <option value="">Any rating</option>
            <option value="4">4 and up</option>
            <option value="3">3 and up</option>
            <option value="2">2 and up</option>
          </select>
        )}
      </Field>
      <Field label="Order" error={errors.ordering}>
        {(control) => (
          <select
            {...control}
            value={filters.ordering}
            onChange={(event) => onChange({ ordering: event.target.value })}
          >
            {orderings.map((ordering) => (
              <option key={ordering.value} value={ordering.value}>
                {/* The API's default: newest first, or the best match while searching. */}
                {ordering.value === '' && filters.search ? 'Best match' : ordering.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      {isFiltered(filters) ? (
        <button
          type="button"
          className="btn"
          onClick={() =>
            onChange({ search: '', category: '', min_price: '', max_price: '', in_stock: '', min_rating: '' })
          }
        >
          Clear filters
        </button>
      ) : null}
    </div>
  );
}

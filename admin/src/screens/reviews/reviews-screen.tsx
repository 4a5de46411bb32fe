import { Link } from 'react-router';
import type { AdminReview } from '@nexus/client-sdk';
import { formatDate } from '../../lib/format';
import { queryOf, useUrlFilters } from '../../lib/url-state';
import { useConfirm } from '../../ui/confirm';
import { DataTable, tableStateOf, type Column } from '../../ui/data-table';
import { ErrorAlert } from '../../ui/feedback';
import { Field } from '../../ui/field';
import { PageHeader } from '../../ui/page';
import { Pager } from '../../ui/pager';
import { useToast } from '../../ui/toast';
import { ExpandableText, Rating } from './review-cells';
import { useDeleteReview, useReviews } from './reviews.queries';

const PAGE_SIZE = 25;
/** `product_id` and `user_id` come from links on other screens ("this product's reviews"). */
const defaults = { rating: '', product_id: '', user_id: '', page: '1' };

const reviewLabel = (review: AdminReview) => `the review by ${review.user.first_name} of ${review.product_name}`;

function columnsOf(onDelete: (review: AdminReview) => void, busyId: string | null): Column<AdminReview>[] {
  return [
    { header: 'Product', cell: (review) => <Link to={`/products/${review.product_id}`}>{review.product_name}</Link> },
    {
      header: 'Author',
      cell: (review) => <Link to={`/customers/${review.user.id}`}>{review.user.first_name || 'Customer'}</Link>,
    },
    { header: 'Rating', cell: (review) => <Rating value={review.rating} />, width: '140px' },
    {
      header: 'Review',
      cell: (review) => (
        <div style={{ maxWidth: 420 }}>
          {review.title ? <strong style={{ display: 'block' }}>{review.title}</strong> : null}
          <ExpandableText text={review.body} label={reviewLabel(review)} />
        </div>
      ),
    },
    { header: 'Date', cell: (review) => <span style={{ whiteSpace: 'nowrap' }}>{formatDate(review.created_at)}</span> },
    {
      header: 'Actions',
      cell: (review) => (
        <button
          type="button"
          className="btn small danger"
          disabled={busyId === review.id}
          onClick={() => onDelete(review)}
        >
          Delete<span className="visually-hidden"> {reviewLabel(review)}</span>
        </button>
      ),
    },
  ];
}

/** A filter set by a link from another screen (a product's reviews), and the way to drop it. */
function FilterChip({ label, value, onClear }: { label: string; value: string; onClear: () => void }) {
  return (
    <div className="field">
      <span className="label">{label}</span>
      <span className="row" style={{ gap: 'var(--space-2)', minHeight: 34 }}>
        {value}
        <button type="button" className="btn small" onClick={onClear}>
          Clear<span className="visually-hidden"> the {label.toLowerCase()} filter</span>
        </button>
      </span>
    </div>
  );
}

/** Every review across the catalogue, newest first, for moderation: filter by rating, delete what breaks the rules. */
export function ReviewsScreen() {
  const [filters, setFilters] = useUrlFilters(defaults);
  const page = Number(filters.page) || 1;
  const { rating, product_id, user_id } = queryOf(filters);
  const reviews = useReviews({
    page,
    page_size: PAGE_SIZE,
    ...(rating ? { rating: Number(rating) } : {}),
    ...(product_id ? { product_id } : {}),
    ...(user_id ? { user_id } : {}),
  });
  const remove = useDeleteReview();
  const confirm = useConfirm();
  const notify = useToast();

  const deleteReview = async (review: AdminReview) => {
    const confirmed = await confirm({
      title: 'Delete this review?',
      body: `The ${review.rating}/5 review by ${review.user.first_name} of ${review.product_name} is removed for good, and the product's rating is worked out again without it.`,
      confirmLabel: 'Delete review',
      danger: true,
    });
    if (!confirmed) return;
    remove.mutate(review.id, {
      onSuccess: () => {
        notify('Review deleted');
        // The last review of the last page: that page no longer exists, show the one before.
        if (reviews.data?.results.length === 1 && page > 1) setFilters({ page: String(page - 1) });
      },
    });
  };

  const narrowed = Boolean(filters.rating || filters.product_id || filters.user_id);
  const first = reviews.data?.results[0];
  return (
    <>
      <PageHeader title="Reviews" lead="Every review customers wrote, newest first." />
      <div className="filters">
        <Field label="Rating">
          {(control) => (
            <select
              {...control}
              value={filters.rating}
              onChange={(event) => setFilters({ rating: event.target.value })}
            >
              <option value="">Any rating</option>
              {[5, 4, 3, 2, 1].map((stars) => (
                <option key={stars} value={String(stars)}>
                  {`${stars} ${stars === 1 ? 'star' : 'stars'}`}
                </option>
              ))}
            </select>
          )}
        </Field>
        {filters.product_id ? (
          <FilterChip
            label="Product"
            value={first?.product_id === filters.product_id ? first.product_name : 'One product'}
            onClear={() => setFilters({ product_id: '' })}
          />
        ) : null}
        {filters.user_id ? (
          <FilterChip
            label="Author"
            value={first?.user.id === filters.user_id ? first.user.first_name : 'One customer'}
            onClear={() => setFilters({ user_id: '' })}
          />
        ) : null}
      </div>
      <div className="stack">
        <ErrorAlert error={remove.error} />
        <div>
          <DataTable
            caption="Reviews"
            columns={columnsOf((review) => void deleteReview(review), remove.isPending ? remove.variables : null)}
            rows={reviews.data?.results}
            rowKey={(review) => review.id}
            {...tableStateOf(reviews)}
            empty={narrowed ? 'No review matches these filters.' : 'No reviews yet.'}
          />
          <Pager
            page={page}
            pageSize={PAGE_SIZE}
            count={reviews.data?.count}
            hasNext={Boolean(reviews.data?.next)}
            onPage={(next) => setFilters({ page: String(next) })}
          />
        </div>
      </div>
    </>
  );
}

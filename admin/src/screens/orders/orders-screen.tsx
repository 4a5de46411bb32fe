import { ORDER_STATUSES, OrderListQuerySchema } from '@nexus/contract';
import { useUrlFilters } from '../../lib/url-state';
import { DataTable, tableStateOf } from '../../ui/data-table';
import { Field } from '../../ui/field';
import { PageHeader } from '../../ui/page';
import { Pager } from '../../ui/pager';
import { CustomerFilter } from './customer-filter';
import { orderColumn } from './order-columns';
import { capitalize, humanize } from './order-status';
import { useOrders } from './orders.queries';
import './orders.css';

const PAGE_SIZE = 25;
const defaults = { status: '', user_id: '', page: '1' };

const columns = [
  orderColumn.number,
  orderColumn.customer,
  orderColumn.status,
  orderColumn.payment,
  orderColumn.total,
  orderColumn.items,
  orderColumn.placed,
];

/** Every order, newest first, narrowed by status and by customer, a page at a time. */
export function OrdersScreen() {
  const [filters, setFilters] = useUrlFilters(defaults);
  const page = Number(filters.page) || 1;
  // A hand-edited URL with a value the API would refuse (400) is read as "not set", by the contract's own schemas.
  const status = OrderListQuerySchema.shape.status.safeParse(filters.status || undefined).data;
  const userId = OrderListQuerySchema.shape.user_id.safeParse(filters.user_id).data ?? '';
  const orders = useOrders({
    page,
    page_size: PAGE_SIZE,
    ...(status ? { status } : {}),
    ...(userId ? { user_id: userId } : {}),
  });
  const filtered = Boolean(status || userId);
  return (
    <>
      <PageHeader title="Orders" lead="Every order placed in the store, newest first." />
      <div className="filters">
        <Field label="Status">
          {(control) => (
            <select {...control} value={status ?? ''} onChange={(event) => setFilters({ status: event.target.value })}>
              <option value="">Any status</option>
              {ORDER_STATUSES.map((option) => (
                <option key={option} value={option}>
                  {capitalize(humanize(option))}
                </option>
              ))}
            </select>
          )}
        </Field>
        <CustomerFilter userId={userId} onChange={(next) => setFilters({ user_id: next })} />
      </div>
      <DataTable
        caption="Orders"
        columns={columns}
        rows={orders.data?.results}
        rowKey={(order) => order.id}
        {...tableStateOf(orders)}
        empty={
          filtered ? 'No order matches these filters.' : 'No orders yet: they appear here once customers check out.'
        }
      />
      <Pager
        page={page}
        pageSize={PAGE_SIZE}
        count={orders.data?.count}
        hasNext={Boolean(orders.data?.next)}
        onPage={(next) => setFilters({ page: String(next) })}
      />
    </>
  );
}

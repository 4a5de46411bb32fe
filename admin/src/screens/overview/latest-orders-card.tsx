import { Link } from 'react-router';
import { DataTable, tableStateOf } from '../../ui/data-table';
import { Card } from '../../ui/page';
import { orderColumn } from '../orders/order-columns';
import { useOrders } from '../orders/orders.queries';

const LATEST = 5;
const columns = [orderColumn.number, orderColumn.customer, orderColumn.status, orderColumn.total, orderColumn.placed];

/** The five most recent orders, each a click from its detail. */
export function LatestOrdersCard() {
  const orders = useOrders({ page: 1, page_size: LATEST });
  return (
    <Card title="Latest orders" actions={<Link to="/orders">All orders</Link>}>
      <DataTable
        caption="Latest orders"
        columns={columns}
        rows={orders.data?.results}
        rowKey={(order) => order.id}
        {...tableStateOf(orders)}
        empty="No orders yet."
        skeletonRows={LATEST}
      />
    </Card>
  );
}

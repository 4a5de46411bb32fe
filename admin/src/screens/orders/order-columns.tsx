import { Link } from 'react-router';
import type { Order } from '@nexus/client-sdk';
import { formatDateTime, formatMoney } from '../../lib/format';
import type { Column } from '../../ui/data-table';
import { OrderStatusBadge, PaymentStatusBadge } from './order-badges';

/** Units in the order, whatever the number of lines. */
export const itemCount = (order: Order): number => order.items.reduce((sum, item) => sum + item.quantity, 0);

/** The columns an order can be shown with, for the orders list and the overview's latest orders. */
export const orderColumn = {
  number: { header: 'Number', cell: (order) => <Link to={`/orders/${order.id}`}>{order.number}</Link> },
  customer: {
    // The order names who it goes to; the account behind it is one click away (there is no batch user lookup).
    header: 'Customer',
    cell: (order) =>
      order.user_id ? (
        <Link to={`/customers/${order.user_id}`}>{order.shipping_address.name}</Link>
      ) : (
        <span>
          {order.shipping_address.name} <span className="muted">(account deleted)</span>
        </span>
      ),
  },
  status: { header: 'Status', cell: (order) => <OrderStatusBadge status={order.status} /> },
  payment: { header: 'Payment', cell: (order) => <PaymentStatusBadge status={order.payment_status} /> },
  total: { header: 'Total', numeric: true, cell: (order) => formatMoney(order.total, order.currency) },
  items: { header: 'Items', numeric: true, cell: itemCount },
  placed: { header: 'Placed', cell: (order) => formatDateTime(order.created_at) },
} satisfies Record<string, Column<Order>>;

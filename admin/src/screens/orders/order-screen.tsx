import { Link, useParams } from 'react-router';
import { isNexusError } from '@nexus/client-sdk';
import { formatDateTime } from '../../lib/format';
import { ErrorAlert, Skeleton } from '../../ui/feedback';
import { PageHeader } from '../../ui/page';
import { OrderActions, StatusChangeError } from './order-actions';
import { OrderStatusBadge, PaymentStatusBadge } from './order-badges';
import { OrderCustomer } from './order-customer';
import { OrderHistory } from './order-history';
import { OrderItems } from './order-items';
import { OrderPayments } from './order-payments';
import { useChangeOrderStatus, useOrder } from './orders.queries';
import './orders.css';

/** One order: its items and totals, who it goes to, its payments and history, and moving it along its life cycle. */
export function OrderScreen() {
  const { id = '' } = useParams();
  const order = useOrder(id);
  const change = useChangeOrderStatus(id);

  if (order.error && !order.data) {
    // A 400 or 404 is a wrong link, which trying again cannot mend.
    const missing = isNexusError(order.error) && (order.error.status === 404 || order.error.status === 400);
    return (
      <>
        <PageHeader title="Order" lead={<Link to="/orders">Back to orders</Link>} />
        {missing ? (
          <div className="alert error" role="alert">
            There is no order at this address: it may have been mistyped.
          </div>
        ) : (
          <ErrorAlert error={order.error} onRetry={() => void order.refetch()} />
        )}
      </>
    );
  }
  if (!order.data) {
    return (
      <div className="stack" aria-busy="true">
        <Skeleton width={240} />
        <Skeleton width="60%" />
        <Skeleton width="80%" />
      </div>
    );
  }
  const current = order.data;
  return (
    <>
      <PageHeader
        title={`Order ${current.number}`}
        lead={
          <span className="row">
            <OrderStatusBadge status={current.status} />
            <span>
              Payment: <PaymentStatusBadge status={current.payment_status} />
            </span>
            <span>Placed {formatDateTime(current.created_at)}</span>
            <Link to="/orders">All orders</Link>
          </span>
        }
        actions={<OrderActions order={current} change={change} />}
      />
      <div className="stack">
        <StatusChangeError number={current.number} change={change} />
        <div className="order-layout">
          <div className="stack">
            <OrderItems order={current} />
            <OrderPayments orderId={current.id} />
          </div>
          <div className="stack">
            <OrderCustomer order={current} />
            <OrderHistory orderId={current.id} />
          </div>
        </div>
      </div>
    </>
  );
}

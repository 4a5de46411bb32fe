import { Link } from 'react-router';
import type { Order } from '@nexus/client-sdk';
import { ErrorAlert, Skeleton } from '../../ui/feedback';
import { Card } from '../../ui/page';
import { useCustomer } from '../customers/customers.queries';
import { displayName } from '../../lib/format';

/** Who placed the order, where it goes, and what they asked for. */
export function OrderCustomer({ order }: { order: Order }) {
  const address = order.shipping_address;
  return (
    <Card title="Customer">
      <div className="stack">
        {order.user_id ? (
          <CustomerAccount userId={order.user_id} />
        ) : (
          <p className="muted">The account that placed this order has been deleted.</p>
        )}
        <div>
          <h3>Shipping address</h3>
          <address>
            {address.name}
            <br />
            {address.line1}
            {address.line2 ? (
              <>
                <br />
                {address.line2}
              </>
            ) : null}
            <br />
            {address.postal_code} {address.city}
            <br />
            {address.country}
          </address>
        </div>
        <div>
          <h3>Note</h3>
          {order.note ? (
            <p style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{order.note}</p>
          ) : (
            <p className="muted">No note.</p>
          )}
        </div>
      </div>
    </Card>
  );
}

function CustomerAccount({ userId }: { userId: string }) {
  const user = useCustomer(userId);
  if (user.error) return <ErrorAlert error={user.error} onRetry={() => void user.refetch()} />;
  if (!user.data) return <Skeleton width="60%" />;
  const name = displayName(user.data);
  return (
    <div className="customer-account">
      <Link to={`/customers/${userId}`}>{name}</Link>
      <span className="muted">{user.data.email}</span>
      <Link to={`/orders?user_id=${userId}`}>All their orders</Link>
    </div>
  );
}

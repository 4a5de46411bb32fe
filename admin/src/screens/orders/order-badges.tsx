import type { OrderStatus, PaymentStatus } from '@nexus/client-sdk';
import { Badge } from '../../ui/feedback';
import { humanize, orderStatusTone, paymentStatusTone } from './order-status';

/** An order's status as a coloured badge. */
export function OrderStatusBadge({ status }: { status: OrderStatus }) {
  return <Badge tone={orderStatusTone[status]}>{humanize(status)}</Badge>;
}

/** A payment's status as a coloured badge; an order not paid for yet says so. */
export function PaymentStatusBadge({ status }: { status: PaymentStatus | null }) {
  if (!status) return <span className="muted">no payment</span>;
  return <Badge tone={paymentStatusTone[status]}>{humanize(status)}</Badge>;
}

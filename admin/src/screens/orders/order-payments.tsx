import type { Payment } from '@nexus/client-sdk';
import { formatDateTime, formatMoney } from '../../lib/format';
import { DataTable, tableStateOf, type Column } from '../../ui/data-table';
import { Card } from '../../ui/page';
import { PaymentStatusBadge } from './order-badges';
import { useOrderPayments } from './orders.queries';

const columns: Column<Payment>[] = [
  { header: 'Provider', cell: (payment) => payment.provider },
  { header: 'Status', cell: (payment) => <PaymentStatusBadge status={payment.status} /> },
  { header: 'Amount', numeric: true, cell: (payment) => formatMoney(payment.amount, payment.currency) },
  { header: 'Started', cell: (payment) => formatDateTime(payment.created_at) },
  { header: 'Last change', cell: (payment) => formatDateTime(payment.updated_at) },
];

/** Every attempt to pay for the order, newest first. */
export function OrderPayments({ orderId }: { orderId: string }) {
  const payments = useOrderPayments(orderId);
  return (
    <Card title="Payments">
      <DataTable
        caption="Payments of this order"
        columns={columns}
        rows={payments.data}
        rowKey={(payment) => payment.id}
        {...tableStateOf(payments)}
        empty="No payment has been started for this order."
        skeletonRows={2}
      />
    </Card>
  );
}

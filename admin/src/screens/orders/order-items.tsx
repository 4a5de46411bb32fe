import type { Order, OrderItem } from '@nexus/client-sdk';
import { formatMoney } from '../../lib/format';
import { DataTable, type Column } from '../../ui/data-table';
import { Card } from '../../ui/page';

/** The order's lines as they were at checkout (later price or name changes do not touch them), and its totals. */
export function OrderItems({ order }: { order: Order }) {
  const money = (amount: string) => formatMoney(amount, order.currency);
  const columns: Column<OrderItem>[] = [
    {
      header: 'Product',
      cell: (item) => (
        <>
          {item.name}
          {item.variant_title ? <div className="muted">{item.variant_title}</div> : null}
        </>
      ),
    },
    { header: 'SKU', cell: (item) => <span className="mono">{item.sku}</span> },
    { header: 'Unit price', numeric: true, cell: (item) => money(item.unit_price) },
    { header: 'Quantity', numeric: true, cell: (item) => item.quantity },
    { header: 'Line total', numeric: true, cell: (item) => money(item.line_total) },
  ];
  return (
    <Card title="Items">
      <div className="order-items">
        <DataTable
          caption={`Items of ${order.number}`}
          columns={columns}
          rows={order.items}
          rowKey={(item) => item.variant_id}
          loading={false}
          empty="This order has no items."
        />
      </div>
      <dl className="totals">
        <dt>Subtotal</dt>
        <dd>{money(order.subtotal)}</dd>
        <dt className="grand">Total</dt>
        <dd className="grand">{money(order.total)}</dd>
      </dl>
    </Card>
  );
}

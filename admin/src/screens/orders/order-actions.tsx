import { ORDER_TRANSITIONS } from '@nexus/contract';
import { isNexusError, type Order, type OrderStatus } from '@nexus/client-sdk';
import { formatMoney } from '../../lib/format';
import { useConfirm } from '../../ui/confirm';
import { useToast } from '../../ui/toast';
import { problemMessage } from '../../lib/problems';
import { itemCount } from './order-columns';
import { transitionDone, transitionLabel } from './order-status';
import { useChangeOrderStatus } from './orders.queries';

type Confirm = ReturnType<typeof useConfirm>;

/** Asks before the steps that cannot be taken back; shipping and delivering go ahead at once. */
function confirmStep(confirm: Confirm, order: Order, next: OrderStatus): Promise<boolean> {
  const units = itemCount(order);
  if (next === 'cancelled') {
    const total = formatMoney(order.total, order.currency);
    return confirm({
      title: `Cancel order ${order.number}?`,
      body: (
        <>
          <p>{units === 1 ? 'Its item goes' : `Its ${units} items go`} back into stock.</p>
          {order.status === 'paid' ? (
            <p>
              The customer’s payment of <strong>{total}</strong> is refunded.
            </p>
          ) : (
            <p>Should a payment still in progress succeed, it is refunded at once.</p>
          )}
          <p>A cancelled order cannot be reopened.</p>
        </>
      ),
      confirmLabel: 'Cancel order',
      cancelLabel: 'Keep order',
      danger: true,
    });
  }
  if (next === 'paid') {
    return confirm({
      title: `Mark ${order.number} as paid?`,
      body: 'Only for money taken outside the store (a bank transfer, cash): no payment is recorded with it.',
      confirmLabel: 'Mark as paid',
    });
  }
  return Promise.resolve(true);
}

/** What a failed move means to the admin: a 409 is someone (or a payment) having moved the order meanwhile. */
function failureMessage(error: unknown, number: string, next: OrderStatus): string {
  const step = next === 'cancelled' ? 'cancelled' : `marked as ${next}`;
  if (isNexusError(error, 'invalid_transition'))
    return `${number} could not be ${step}: it was changed meanwhile (by someone else, or by a payment). It has been reloaded: check its status before trying again.`;
  const reason = problemMessage(error).replace(/\.$/, '');
  return `${number} could not be ${step}: ${reason}.`;
}

type StatusChange = ReturnType<typeof useChangeOrderStatus>;

/** One button per status the order may move to next, exactly as the contract's life cycle allows. */
export function OrderActions({ order, change }: { order: Order; change: StatusChange }) {
  const confirm = useConfirm();
  const notify = useToast();
  const nextSteps: readonly OrderStatus[] = ORDER_TRANSITIONS[order.status];

  const move = async (next: OrderStatus) => {
    if (!(await confirmStep(confirm, order, next))) return;
    change.mutate(next, {
      onSuccess: (updated) => notify(transitionDone(updated.number, next)),
    });
  };

  if (nextSteps.length === 0) return null;
  return (
    <>
      {nextSteps.map((next) => (
        <button
          key={next}
          type="button"
          className={next === 'cancelled' ? 'btn danger' : 'btn primary'}
          disabled={change.isPending}
          onClick={() => void move(next)}
        >
          {transitionLabel[next]}
        </button>
      ))}
    </>
  );
}

/** Why the last move failed, above the order; it stays until the next try (a toast would fade). */
export function StatusChangeError({ number, change }: { number: string; change: StatusChange }) {
  if (!change.error || !change.variables) return null;
  return (
    <div className="alert error" role="alert">
      {failureMessage(change.error, number, change.variables)}
    </div>
  );
}

import type { EventType } from '@nexus/client-sdk';
import { formatDateTime } from '../../lib/format';
import { EmptyState, ErrorAlert, Skeleton } from '../../ui/feedback';
import { Card } from '../../ui/page';
import { capitalize, humanize } from './order-status';
import { useOrderEvents } from './orders.queries';

/** "payment.succeeded" → "Payment succeeded". */
const eventLabel = (type: EventType): string => capitalize(humanize(type.replace('.', ' ')));

/** What happened to the order and its payments, oldest first, as the store recorded it. */
export function OrderHistory({ orderId }: { orderId: string }) {
  const events = useOrderEvents(orderId);
  return (
    <Card title="History">
      {events.error ? (
        <ErrorAlert error={events.error} onRetry={() => void events.refetch()} />
      ) : !events.data ? (
        <div className="stack" aria-busy="true">
          <Skeleton width="70%" />
          <Skeleton width="60%" />
          <Skeleton width="65%" />
        </div>
      ) : events.data.length === 0 ? (
        <EmptyState>Nothing recorded yet.</EmptyState>
      ) : (
        <ol className="history">
          {events.data.map((event) => (
            <li key={event.id}>
              <span>{eventLabel(event.type)}</span>
              <time className="muted" dateTime={event.occurred_at}>
                {formatDateTime(event.occurred_at)}
              </time>
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}

import type { WebhookDelivery } from '@nexus/client-sdk';
import { formatDateTime } from '../../lib/format';
import { problemMessage } from '../../lib/problems';
import { useUrlFilters } from '../../lib/url-state';
import { DataTable, tableStateOf, type Column } from '../../ui/data-table';
import { Badge, type Tone } from '../../ui/feedback';
import { Pager } from '../../ui/pager';
import { useToast } from '../../ui/toast';
import { useDeliveries, useRetryDelivery } from './webhooks.queries';

const PAGE_SIZE = 20;
const defaults = { page: '1' };

const tones: Record<WebhookDelivery['status'], Tone> = {
  pending: 'info',
  succeeded: 'ok',
  failed: 'warn',
  dead: 'danger',
};

const Nowrap = ({ children }: { children: string }) => <span style={{ whiteSpace: 'nowrap' }}>{children}</span>;

function columnsOf(onRetry: (delivery: WebhookDelivery) => void, busyId: string | null): Column<WebhookDelivery>[] {
  return [
    { header: 'Event', cell: (delivery) => <span className="mono">{delivery.event_type}</span> },
    { header: 'Status', cell: (delivery) => <Badge tone={tones[delivery.status]}>{delivery.status}</Badge> },
    { header: 'Attempts', cell: (delivery) => delivery.attempts, numeric: true },
    { header: 'Response', cell: (delivery) => delivery.response_status ?? '—', numeric: true },
    {
      header: 'Last error',
      cell: (delivery) =>
        delivery.last_error ? (
          <span className="mono" style={{ overflowWrap: 'anywhere' }}>
            {delivery.last_error}
          </span>
        ) : (
          <span className="muted">—</span>
        ),
    },
    { header: 'Next attempt', cell: (delivery) => <Nowrap>{formatDateTime(delivery.next_attempt_at)}</Nowrap> },
    { header: 'Created', cell: (delivery) => <Nowrap>{formatDateTime(delivery.created_at)}</Nowrap> },
    {
      header: 'Actions',
      cell: (delivery) =>
        delivery.status === 'dead' ? (
          <button
            type="button"
            className="btn small"
            disabled={busyId === delivery.id}
            onClick={() => onRetry(delivery)}
          >
            Retry
            <span className="visually-hidden">
              {` the ${delivery.event_type} delivery of ${formatDateTime(delivery.created_at)}`}
            </span>
          </button>
        ) : delivery.status === 'failed' ? (
          // A failed delivery is still retried with back-off; the API refuses a manual retry until it is dead.
          <span className="muted">retried automatically</span>
        ) : null,
    },
  ];
}

/** A webhook's delivery log, newest first, paged in the URL; a dead delivery can be given a fresh round. */
export function WebhookDeliveries({ webhookId }: { webhookId: string }) {
  const [filters, setFilters] = useUrlFilters(defaults);
  const page = Number(filters.page) || 1;
  const deliveries = useDeliveries(webhookId, { page, page_size: PAGE_SIZE });
  const retry = useRetryDelivery(webhookId);
  const notify = useToast();
  const retryDelivery = (delivery: WebhookDelivery) =>
    retry.mutate(delivery.id, {
      onSuccess: () => notify(`The ${delivery.event_type} delivery is queued again: the worker sends it shortly`),
      onError: (error) => notify(problemMessage(error), 'error'),
    });
  return (
    <div>
      <DataTable
        caption="Deliveries"
        columns={columnsOf(retryDelivery, retry.isPending ? retry.variables : null)}
        rows={deliveries.data?.results}
        rowKey={(delivery) => delivery.id}
        {...tableStateOf(deliveries)}
        empty="Nothing delivered yet: deliveries appear here once one of the webhook's events happens."
        skeletonRows={5}
      />
      <Pager
        page={page}
        pageSize={PAGE_SIZE}
        count={deliveries.data?.count}
        hasNext={Boolean(deliveries.data?.next)}
        onPage={(next) => setFilters({ page: String(next) })}
      />
    </div>
  );
}

import { useState } from 'react';
import { Link } from 'react-router';
import type { Webhook } from '@nexus/client-sdk';
import { formatDate } from '../../lib/format';
import { useUrlFilters } from '../../lib/url-state';
import { DataTable, tableStateOf, type Column } from '../../ui/data-table';
import { Badge } from '../../ui/feedback';
import { PageHeader } from '../../ui/page';
import { Pager } from '../../ui/pager';
import { EventSummary } from './event-summary';
import { SecretCallout } from './secret-callout';
import { CreateWebhookDialog } from './webhook-form';
import { useWebhooks } from './webhooks.queries';

const PAGE_SIZE = 25;
/** `?new=1` opens the create dialog. */
const defaults = { page: '1', new: '' };

const columns: Column<Webhook>[] = [
  {
    header: 'URL',
    cell: (webhook) => (
      <Link to={`/webhooks/${webhook.id}`} className="mono" style={{ overflowWrap: 'anywhere' }}>
        {webhook.url}
      </Link>
    ),
  },
  { header: 'Events', cell: (webhook) => <EventSummary events={webhook.events} /> },
  {
    header: 'Status',
    cell: (webhook) => (webhook.is_active ? <Badge tone="ok">active</Badge> : <Badge>inactive</Badge>),
  },
  { header: 'Description', cell: (webhook) => webhook.description || <span className="muted">—</span> },
  {
    header: 'Created',
    cell: (webhook) => <span style={{ whiteSpace: 'nowrap' }}>{formatDate(webhook.created_at)}</span>,
  },
];

/** The outgoing webhooks: who is told about which events; open one for its settings and delivery log. */
export function WebhooksScreen() {
  const [filters, setFilters] = useUrlFilters(defaults);
  const page = Number(filters.page) || 1;
  const webhooks = useWebhooks({ page, page_size: PAGE_SIZE });
  // The create answer: the one time the secret is known in full. Never cached, never in the URL.
  const [created, setCreated] = useState<Webhook | null>(null);
  return (
    <>
      <PageHeader
        title="Webhooks"
        lead="Other systems told about the shop's events, each delivery signed with the webhook's secret."
        actions={
          <button type="button" className="btn primary" onClick={() => setFilters({ new: '1', page: filters.page })}>
            New webhook
          </button>
        }
      />
      <div className="stack">
        {created ? <SecretCallout webhook={created} onDismiss={() => setCreated(null)} /> : null}
        <div>
          <DataTable
            caption="Webhooks"
            columns={columns}
            rows={webhooks.data?.results}
            rowKey={(webhook) => webhook.id}
            {...tableStateOf(webhooks)}
            empty="No webhooks yet: create one to tell another system about orders, payments, products or stock."
            skeletonRows={4}
          />
          <Pager
            page={page}
            pageSize={PAGE_SIZE}
            count={webhooks.data?.count}
            hasNext={Boolean(webhooks.data?.next)}
            onPage={(next) => setFilters({ page: String(next) })}
          />
        </div>
      </div>
      {filters.new ? (
        <CreateWebhookDialog
          onCancel={() => setFilters({ new: '', page: filters.page })}
          onCreated={(webhook) => {
            setCreated(webhook);
            setFilters({ new: '', page: '1' });
          }}
        />
      ) : null}
    </>
  );
}

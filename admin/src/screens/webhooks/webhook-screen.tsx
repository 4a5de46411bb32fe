import { Link, useNavigate, useParams } from 'react-router';
import { formatDateTime } from '../../lib/format';
import { useConfirm } from '../../ui/confirm';
import { Badge, EmptyState, ErrorAlert, Skeleton } from '../../ui/feedback';
import { Card, PageHeader } from '../../ui/page';
import { useToast } from '../../ui/toast';
import { EditWebhookForm } from './webhook-form';
import { WebhookDeliveries } from './webhook-deliveries';
import { useDeleteWebhook, useWebhook } from './webhooks.queries';

/** One webhook: its settings, deleting it, and the log of every delivery to it. */
export function WebhookScreen() {
  const { id = '' } = useParams();
  const webhook = useWebhook(id);
  const remove = useDeleteWebhook();
  const confirm = useConfirm();
  const notify = useToast();
  const navigate = useNavigate();

  if (webhook.error) return <ErrorAlert error={webhook.error} onRetry={() => void webhook.refetch()} />;
  if (webhook.data === undefined) return <Skeleton width={320} />;
  if (webhook.data === null) {
    return (
      <>
        <PageHeader title="Webhook not found" />
        <EmptyState>
          There is no webhook with this id: it may have been deleted. <Link to="/webhooks">See all webhooks</Link>.
        </EmptyState>
      </>
    );
  }
  const hook = webhook.data;

  const deleteWebhook = async () => {
    const confirmed = await confirm({
      title: 'Delete this webhook?',
      body: `${hook.url} is sent no more events, and its delivery log is deleted with it. This cannot be undone.`,
      confirmLabel: 'Delete webhook',
      danger: true,
    });
    if (!confirmed) return;
    remove.mutate(hook.id, {
      onSuccess: () => {
        notify('Webhook deleted');
        navigate('/webhooks', { replace: true });
      },
    });
  };

  return (
    <>
      <PageHeader
        title={hook.description || 'Webhook'}
        lead={<span className="mono">{hook.url}</span>}
        actions={
          <>
            <Link to="/webhooks">All webhooks</Link>
            <button
              type="button"
              className="btn danger"
              disabled={remove.isPending}
              onClick={() => void deleteWebhook()}
            >
              Delete webhook
            </button>
          </>
        }
      />
      <div className="stack">
        <ErrorAlert error={remove.error} />
        <Card title="Settings">
          <div className="grid-4" style={{ marginBottom: 'var(--space-4)' }}>
            <div className="field">
              <span className="label">Status</span>
              <span>{hook.is_active ? <Badge tone="ok">active</Badge> : <Badge>inactive</Badge>}</span>
            </div>
            <div className="field">
              <span className="label">Signing secret</span>
              <span className="mono">{hook.secret}</span>
            </div>
            <div className="field">
              <span className="label">Created</span>
              <span>{formatDateTime(hook.created_at)}</span>
            </div>
          </div>
          <EditWebhookForm key={hook.id} webhook={hook} />
        </Card>
        <section aria-labelledby="deliveries-title">
          <h2 id="deliveries-title">Delivery log</h2>
          <WebhookDeliveries webhookId={hook.id} />
        </section>
      </div>
    </>
  );
}

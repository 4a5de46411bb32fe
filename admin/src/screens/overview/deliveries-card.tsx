import { Link } from 'react-router';
import type { DeliveryStats } from '@nexus/client-sdk';
import { formatDateTime } from '../../lib/format';
import { Badge, ErrorAlert, Skeleton } from '../../ui/feedback';
import { Card } from '../../ui/page';
import { useDeliveryStats } from './stats.queries';

type Counts = DeliveryStats['mail'];

const channels = [
  { key: 'mail', label: 'Mailbox', noun: 'e-mail', to: '/mail' },
  { key: 'webhooks', label: 'Webhooks', noun: 'webhook delivery', to: '/webhooks' },
] as const;

const troubled = (counts: Counts): boolean => counts.failed > 0 || counts.dead > 0;

function CountBadge({ value, tone }: { value: number; tone: 'warn' | 'danger' }) {
  return value > 0 ? <Badge tone={tone}>{value}</Badge> : <span className="muted">0</span>;
}

/** Mail and webhook deliveries that wait, fail or gave up; a warning when anything needs a person. */
export function DeliveriesCard() {
  const stats = useDeliveryStats();
  const data = stats.data;
  return (
    <Card title="Deliveries">
      {stats.error && !data ? (
        <ErrorAlert error={stats.error} onRetry={() => void stats.refetch()} />
      ) : !data ? (
        <div className="stack" aria-busy="true">
          <Skeleton width="80%" />
          <Skeleton width="70%" />
          <Skeleton width="60%" />
        </div>
      ) : (
        <div className="stack">
          {channels.some((channel) => troubled(data[channel.key])) ? (
            <div className="alert delivery-warning" role="status">
              Some deliveries are failing: {describeTrouble(data)}. {adviceFor(data)}
            </div>
          ) : null}
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">Deliveries by state</caption>
              <thead>
                <tr>
                  <th scope="col">Channel</th>
                  <th scope="col" className="num">
                    Pending
                  </th>
                  <th scope="col" className="num">
                    Failed
                  </th>
                  <th scope="col" className="num">
                    Dead
                  </th>
                </tr>
              </thead>
              <tbody>
                {channels.map((channel) => (
                  <tr key={channel.key}>
                    <th scope="row">
                      <Link to={channel.to}>{channel.label}</Link>
                    </th>
                    <td className="num">{data[channel.key].pending}</td>
                    <td className="num">
                      <CountBadge value={data[channel.key].failed} tone="warn" />
                    </td>
                    <td className="num">
                      <CountBadge value={data[channel.key].dead} tone="danger" />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="muted" style={{ margin: 0 }}>
            {data.events.undispatched === 0
              ? 'Every event has been handed on.'
              : `${data.events.undispatched} events not handed on yet, the oldest since ${formatDateTime(data.events.oldest_undispatched_at)}; a growing number means no worker is running.`}
          </p>
        </div>
      )}
    </Card>
  );
}

/** "2 failed and 1 dead e-mails, 1 dead webhook delivery" */
function describeTrouble(data: DeliveryStats): string {
  return channels
    .filter((channel) => troubled(data[channel.key]))
    .map((channel) => {
      const { failed, dead } = data[channel.key];
      const parts = [failed ? `${failed} failed` : '', dead ? `${dead} dead` : ''].filter(Boolean).join(' and ');
      const plural = channel.noun.endsWith('y') ? `${channel.noun.slice(0, -1)}ies` : `${channel.noun}s`;
      return `${parts} ${failed + dead === 1 ? channel.noun : plural}`;
    })
    .join(', ');
}

/** Failed ones still retry on their own; dead ones wait for a person. */
function adviceFor(data: DeliveryStats): string {
  const dead = data.mail.dead + data.webhooks.dead;
  return dead > 0
    ? 'Dead ones are out of attempts: open them to see why, and retry.'
    : 'They are retried on their own; open them to see why.';
}

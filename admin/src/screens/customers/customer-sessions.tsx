import type { ActiveSession } from '@nexus/client-sdk';
import { formatDateTime } from '../../lib/format';
import { useConfirm } from '../../ui/confirm';
import { DataTable, tableStateOf, type Column } from '../../ui/data-table';
import { ErrorAlert } from '../../ui/feedback';
import { Card } from '../../ui/page';
import { useToast } from '../../ui/toast';
import { useCustomerSessions, useEndCustomerSession } from './customers.queries';

/** The customer's live logins, and ending one (a lost phone, a shared computer). */
export function CustomerSessions({ userId }: { userId: string }) {
  const sessions = useCustomerSessions(userId);
  const end = useEndCustomerSession(userId);
  const confirm = useConfirm();
  const notify = useToast();

  const endSession = async (session: ActiveSession) => {
    const ok = await confirm({
      title: 'End this session?',
      body: `The device (${session.user_agent ?? 'unknown browser'}) is signed out at once and must sign in again.`,
      confirmLabel: 'End session',
      danger: true,
    });
    if (ok) end.mutate(session.id, { onSuccess: () => notify('Session ended') });
  };

  const columns: Column<ActiveSession>[] = [
    { header: 'Device', cell: (session) => session.user_agent ?? <span className="muted">unknown</span> },
    { header: 'Address', cell: (session) => <span className="mono">{session.ip ?? '—'}</span> },
    { header: 'Signed in', cell: (session) => formatDateTime(session.created_at) },
    { header: 'Last active', cell: (session) => formatDateTime(session.last_used_at) },
    {
      header: 'Actions',
      cell: (session) => (
        <button
          type="button"
          className="btn small danger"
          disabled={end.isPending}
          onClick={() => void endSession(session)}
          aria-label={`End session signed in ${formatDateTime(session.created_at)}`}
        >
          End
        </button>
      ),
    },
  ];

  return (
    <Card title="Sessions">
      <div className="stack">
        <ErrorAlert error={end.error} />
        <DataTable
          caption="Live sessions"
          columns={columns}
          rows={sessions.data}
          rowKey={(session) => session.id}
          {...tableStateOf(sessions)}
          empty="Not signed in anywhere."
          skeletonRows={2}
        />
      </div>
    </Card>
  );
}

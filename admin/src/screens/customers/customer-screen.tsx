import { Link, useParams } from 'react-router';
import type { Role } from '@nexus/client-sdk';
import { displayName, formatDateTime } from '../../lib/format';
import { useConfirm } from '../../ui/confirm';
import { Badge, ErrorAlert, Skeleton } from '../../ui/feedback';
import { Field } from '../../ui/field';
import { Card, PageHeader } from '../../ui/page';
import { useToast } from '../../ui/toast';
import { useMe } from '../../app/session';
import { useCustomer, useUpdateCustomer } from './customers.queries';
import { CustomerSessions } from './customer-sessions';

/** One account: its role, whether it may sign in, its orders and its live sessions. */
export function CustomerScreen() {
  const { id = '' } = useParams();
  const me = useMe();
  const user = useCustomer(id);
  const update = useUpdateCustomer(id);
  const confirm = useConfirm();
  const notify = useToast();

  if (user.error) return <ErrorAlert error={user.error} onRetry={() => void user.refetch()} />;
  if (!user.data) return <Skeleton width={320} />;
  const customer = user.data;
  const isSelf = customer.id === me.id;

  const setRole = (role: Role) =>
    update.mutate(
      { role },
      { onSuccess: () => notify(`${customer.email} is now ${role === 'admin' ? 'an admin' : 'a customer'}`) },
    );
  const toggleActive = async () => {
    const deactivating = customer.is_active;
    if (
      deactivating &&
      !(await confirm({
        title: 'Deactivate this account?',
        body: `${customer.email} will be signed out everywhere at once and cannot sign in until reactivated.`,
        confirmLabel: 'Deactivate',
        danger: true,
      }))
    )
      return;
    update.mutate(
      { is_active: !deactivating },
      { onSuccess: () => notify(deactivating ? 'Account deactivated' : 'Account reactivated') },
    );
  };

  return (
    <>
      <PageHeader
        title={displayName(customer)}
        lead={customer.email}
        actions={<Link to={`/orders?user_id=${customer.id}`}>Their orders</Link>}
      />
      <div className="stack">
        <ErrorAlert error={update.error} />
        <Card title="Account">
          <div className="form-grid">
            <div className="field">
              <span className="label">Status</span>
              <span>
                {customer.is_active ? <Badge tone="ok">active</Badge> : <Badge tone="danger">deactivated</Badge>}
              </span>
            </div>
            <div className="field">
              <span className="label">Joined</span>
              <span>{formatDateTime(customer.created_at)}</span>
            </div>
            <div className="field">
              <span className="label">Phone</span>
              <span>{customer.phone_number ?? '—'}</span>
            </div>
            <Field label="Role" {...(isSelf ? { hint: 'You cannot change your own role.' } : {})}>
              {(control) => (
                <select
                  {...control}
                  value={customer.role}
                  disabled={isSelf || update.isPending}
                  onChange={(event) => setRole(event.target.value as Role)}
                >
                  <option value="customer">Customer</option>
                  <option value="admin">Admin</option>
                </select>
              )}
            </Field>
          </div>
          <div className="form-actions">
            <button
              type="button"
              className={customer.is_active ? 'btn danger' : 'btn'}
              disabled={isSelf || update.isPending}
              onClick={() => void toggleActive()}
            >
              {customer.is_active ? 'Deactivate account' : 'Reactivate account'}
            </button>
          </div>
        </Card>
        <CustomerSessions userId={customer.id} />
      </div>
    </>
  );
}

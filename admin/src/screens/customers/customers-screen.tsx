import { Link } from 'react-router';
import type { User } from '@nexus/client-sdk';
import { queryOf, useUrlFilters } from '../../lib/url-state';
import { displayName, formatDate } from '../../lib/format';
import { DataTable, tableStateOf, type Column } from '../../ui/data-table';
import { Badge } from '../../ui/feedback';
import { Field } from '../../ui/field';
import { PageHeader } from '../../ui/page';
import { Pager } from '../../ui/pager';
import { SearchInput } from '../../ui/search-input';
import { useCustomers } from './customers.queries';

const PAGE_SIZE = 25;
const defaults = { search: '', role: '', page: '1' };

const columns: Column<User>[] = [
  {
    header: 'Name',
    cell: (user) => <Link to={`/customers/${user.id}`}>{displayName(user)}</Link>,
  },
  { header: 'Email', cell: (user) => user.email },
  { header: 'Role', cell: (user) => <Badge tone={user.role === 'admin' ? 'info' : 'neutral'}>{user.role}</Badge> },
  {
    header: 'Status',
    cell: (user) => (user.is_active ? <Badge tone="ok">active</Badge> : <Badge tone="danger">deactivated</Badge>),
  },
  { header: 'Joined', cell: (user) => formatDate(user.created_at) },
];

/** Every account, searchable by name or email and by role. */
export function CustomersScreen() {
  const [filters, setFilters] = useUrlFilters(defaults);
  const page = Number(filters.page) || 1;
  const { search, role } = queryOf(filters);
  const users = useCustomers({
    page,
    page_size: PAGE_SIZE,
    ...(search ? { search } : {}),
    ...(role === 'admin' || role === 'customer' ? { role } : {}),
  });
  return (
    <>
      <PageHeader title="Customers" lead="Accounts of customers and administrators." />
      <div className="filters">
        <SearchInput
          label="Search"
          placeholder="Name or email"
          value={filters.search}
          onSearch={(value) => setFilters({ search: value }, { replace: true })}
        />
        <Field label="Role">
          {(control) => (
            <select {...control} value={filters.role} onChange={(event) => setFilters({ role: event.target.value })}>
              <option value="">Any role</option>
              <option value="customer">Customers</option>
              <option value="admin">Admins</option>
            </select>
          )}
        </Field>
      </div>
      <DataTable
        caption="Customers"
        columns={columns}
        rows={users.data?.results}
        rowKey={(user) => user.id}
        {...tableStateOf(users)}
        empty={filters.search || filters.role ? 'No account matches these filters.' : 'No accounts yet.'}
      />
      <Pager
        page={page}
        pageSize={PAGE_SIZE}
        count={users.data?.count}
        hasNext={Boolean(users.data?.next)}
        onPage={(next) => setFilters({ page: String(next) })}
      />
    </>
  );
}

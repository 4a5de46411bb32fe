import { Link } from 'react-router';
import type { MailMessage } from '@nexus/client-sdk';
import { formatDateTime } from '../../lib/format';
import { queryOf, useUrlFilters, writeFilters } from '../../lib/url-state';
import { DataTable, tableStateOf, type Column } from '../../ui/data-table';
import { PageHeader } from '../../ui/page';
import { Pager } from '../../ui/pager';
import { SearchInput } from '../../ui/search-input';
import { useMail } from './mail.queries';
import { MailMessageView } from './mail-message';
import { MailStatusBadge } from './mail-status';

const PAGE_SIZE = 25;
/** `id` is the message opened: part of the URL, so a link to one e-mail can be shared. */
const defaults = { to: '', page: '1', id: '' };
type MailFilters = typeof defaults;

/** Opening a message keeps the page it is on (any other change of the URL would start from page 1). */
const openHref = (filters: MailFilters, id: string) =>
  `?${writeFilters(filters, { id, page: filters.page }, defaults)}`;

const Nowrap = ({ children }: { children: string }) => <span style={{ whiteSpace: 'nowrap' }}>{children}</span>;

function columnsOf(filters: MailFilters): Column<MailMessage>[] {
  return [
    { header: 'To', cell: (message) => message.to },
    {
      header: 'Subject',
      cell: (message) => (
        <Link
          to={openHref(filters, message.id)}
          aria-current={message.id === filters.id ? 'true' : undefined}
          style={{ display: 'inline-block', minWidth: 200, fontWeight: message.id === filters.id ? 700 : undefined }}
        >
          {message.subject}
        </Link>
      ),
    },
    { header: 'Status', cell: (message) => <MailStatusBadge status={message.status} /> },
    { header: 'Attempts', cell: (message) => message.attempts, numeric: true },
    {
      header: 'Last error',
      cell: (message) =>
        message.last_error ? (
          <span className="mono" title={message.last_error}>
            {message.last_error.length > 60 ? `${message.last_error.slice(0, 60)}…` : message.last_error}
          </span>
        ) : (
          <span className="muted">—</span>
        ),
    },
    {
      header: 'Written / sent',
      cell: (message) => (
        <>
          <Nowrap>{formatDateTime(message.created_at)}</Nowrap>
          <div className="muted" style={{ fontSize: 'var(--text-sm)', whiteSpace: 'nowrap' }}>
            {message.sent_at ? `sent ${formatDateTime(message.sent_at)}` : 'not sent'}
          </div>
        </>
      ),
    },
  ];
}

/** The store's e-mail, newest first: what was written to whom and whether it went out; open one to read it. */
export function MailboxScreen() {
  const [filters, setFilters] = useUrlFilters(defaults);
  const page = Number(filters.page) || 1;
  const { to } = queryOf(filters);
  const mail = useMail({ page, page_size: PAGE_SIZE, ...(to ? { to } : {}) });
  const selected = filters.id ? mail.data?.results.find((message) => message.id === filters.id) : undefined;
  const close = () => setFilters({ id: '', page: filters.page });
  return (
    <>
      <PageHeader
        title="Mailbox"
        lead="Every e-mail the store wrote, newest first. Without an SMTP server, this is where the mail is kept."
      />
      <div className="filters">
        <SearchInput
          label="Recipient"
          placeholder="ada@example.com"
          value={filters.to}
          onSearch={(value) => setFilters({ to: value, id: '' }, { replace: true })}
        />
      </div>
      <div className="stack">
        {selected ? <MailMessageView message={selected} onClose={close} /> : null}
        {filters.id && mail.data && !selected ? (
          <div className="alert info row" role="status" style={{ justifyContent: 'space-between' }}>
            <span>The message asked for is not on this page of the mailbox.</span>
            <button type="button" className="btn small" onClick={close}>
              Dismiss
            </button>
          </div>
        ) : null}
        <div>
          <DataTable
            caption="E-mail messages"
            columns={columnsOf(filters)}
            rows={mail.data?.results}
            rowKey={(message) => message.id}
            {...tableStateOf(mail)}
            empty={filters.to ? `No e-mail to ${filters.to}.` : 'No e-mail yet.'}
          />
          <Pager
            page={page}
            pageSize={PAGE_SIZE}
            count={mail.data?.count}
            hasNext={Boolean(mail.data?.next)}
            onPage={(next) => setFilters({ page: String(next), id: '' })}
          />
        </div>
      </div>
    </>
  );
}

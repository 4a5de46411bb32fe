import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { ErrorAlert, Skeleton } from '../../ui/feedback';
import { SearchInput } from '../../ui/search-input';
import { useCustomer, useCustomers } from '../customers/customers.queries';
import { displayName } from '../../lib/format';

const PICKER_SIZE = 8;

/** Narrows the orders to one customer: shows whose orders these are, or searches accounts to pick one. */
export function CustomerFilter({ userId, onChange }: { userId: string; onChange: (userId: string) => void }) {
  // Picking unmounts the button that had focus: the keyboard lands on "Clear customer" instead of the page's top.
  const [picked, setPicked] = useState(false);
  const pick = (next: string) => {
    setPicked(true);
    onChange(next);
  };
  return userId ? (
    <SelectedCustomer userId={userId} onClear={() => onChange('')} takeFocus={picked} />
  ) : (
    <CustomerPicker onPick={pick} />
  );
}

function SelectedCustomer(props: { userId: string; onClear: () => void; takeFocus: boolean }) {
  const { userId, onClear, takeFocus } = props;
  const user = useCustomer(userId);
  const clear = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (takeFocus) clear.current?.focus();
  }, [takeFocus]);
  return (
    <div className="field">
      <span className="label">Customer</span>
      <span className="row customer-chip">
        {user.data ? (
          <span>
            <Link to={`/customers/${userId}`}>{displayName(user.data)}</Link>{' '}
            <span className="muted">({user.data.email})</span>
          </span>
        ) : user.error ? (
          <span className="muted">Unknown customer</span>
        ) : (
          <Skeleton width={160} />
        )}
        <button ref={clear} type="button" className="btn small" onClick={onClear}>
          Clear customer
        </button>
      </span>
    </div>
  );
}

function CustomerPicker({ onPick }: { onPick: (userId: string) => void }) {
  const [search, setSearch] = useState('');
  const term = search.trim();
  return (
    <div className="customer-picker">
      <SearchInput label="Customer" placeholder="Name or email" value={search} onSearch={setSearch} />
      {term ? <CustomerMatches term={term} onPick={onPick} /> : null}
    </div>
  );
}

/** Mounted only while something is typed: an empty search asks the server nothing. */
function CustomerMatches({ term, onPick }: { term: string; onPick: (userId: string) => void }) {
  const matches = useCustomers({ search: term, page_size: PICKER_SIZE });
  return (
    <div className="customer-matches" aria-live="polite">
      {matches.error ? <ErrorAlert error={matches.error} /> : null}
      {!matches.data && matches.isFetching ? <Skeleton width="80%" /> : null}
      {matches.data && matches.data.results.length === 0 ? <p className="muted">No account matches “{term}”.</p> : null}
      {matches.data && matches.data.results.length > 0 ? (
        <ul aria-label="Matching customers">
          {matches.data.results.map((user) => (
            <li key={user.id}>
              <button type="button" className="customer-match" onClick={() => onPick(user.id)}>
                <span>{displayName(user)}</span> <span className="muted">{user.email}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

import { useQueryClient } from '@tanstack/react-query';
import { NavLink, Outlet, useNavigate } from 'react-router';
import { signOut } from '../api/nexus';
import { useMe } from './session';

const sections = [
  { to: '/', label: 'Overview', end: true },
  { to: '/categories', label: 'Categories' },
  { to: '/products', label: 'Products' },
  { to: '/orders', label: 'Orders' },
  { to: '/customers', label: 'Customers' },
  { to: '/reviews', label: 'Reviews' },
  { to: '/mail', label: 'Mailbox' },
  { to: '/webhooks', label: 'Webhooks' },
];

/** The frame of every screen: navigation on the left, the screen on the right. */
export function Layout() {
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const leave = async () => {
    // Even if the server cannot be told (offline), this tab forgets the tokens and leaves.
    await signOut().catch(() => undefined);
    queryClient.clear();
    navigate('/sign-in', { replace: true });
  };
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <nav className="sidebar" aria-label="Sections">
        <div className="brand">Nexus admin</div>
        {sections.map((section) => (
          <NavLink key={section.to} to={section.to} end={section.end ?? false}>
            {section.label}
          </NavLink>
        ))}
        <div className="spacer" />
        <div className="who">Signed in as {me.email}</div>
        <button type="button" className="btn small" onClick={() => void leave()}>
          Sign out
        </button>
      </nav>
      <main className="main" id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}

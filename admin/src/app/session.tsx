import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import type { User } from '@nexus/client-sdk';
import { isNexusError } from '@nexus/client-sdk';
import { nexus, onSessionEnd, signOut } from '../api/nexus';
import { ErrorAlert, Skeleton } from '../ui/feedback';

export const meKey = ['users', 'me'] as const;

/** Whether tokens are stored at all: no call is made to find out that nobody is signed in. */
function useHasTokens(): boolean | null {
  const [has, setHas] = useState<boolean | null>(null);
  useEffect(() => {
    void nexus.tokens().then((tokens) => setHas(Boolean(tokens)));
  }, []);
  return has;
}

/** The signed-in admin; the screens under it may assume one. */
export function useMe(): User {
  const { data } = useQuery({ queryKey: meKey, queryFn: () => nexus.users.me(), staleTime: 60_000 });
  if (!data) throw new Error('useMe outside RequireAdmin');
  return data;
}

/**
 * Lets only a signed-in admin through: anyone else goes to the sign-in screen, which says why. When the SDK ends the
 * session (a refresh refused, the account deactivated), every cached answer is dropped with it.
 */
export function RequireAdmin({ children }: { children: ReactNode }) {
  const hasTokens = useHasTokens();
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const me = useQuery({
    queryKey: meKey,
    queryFn: () => nexus.users.me(),
    enabled: hasTokens === true,
    staleTime: 60_000,
  });
  useEffect(
    () =>
      onSessionEnd(({ deliberate }) => {
        queryClient.clear();
        // Signing out navigates by itself; a session the server ended brings the admin back here afterwards.
        if (!deliberate) {
          navigate(`/sign-in?reason=expired&next=${encodeURIComponent(location.pathname + location.search)}`);
        }
      }),
    [navigate, queryClient, location],
  );
  const customer = me.data !== undefined && me.data.role !== 'admin';
  useEffect(() => {
    if (customer) void signOut().catch(() => undefined);
  }, [customer]);
  const next = encodeURIComponent(location.pathname + location.search);
  if (hasTokens === false) return <Navigate to={`/sign-in?next=${next}`} replace />;
  // Only the server saying no ends the session here; a 5xx or a network blip is shown, with a way to try again.
  if (me.isError && isNexusError(me.error) && (me.error.status === 401 || me.error.status === 403)) {
    return <Navigate to={`/sign-in?reason=expired&next=${next}`} replace />;
  }
  if (me.isError) {
    return (
      <main className="centered">
        <ErrorAlert error={me.error} onRetry={() => void me.refetch()} />
      </main>
    );
  }
  if (!me.data) {
    return (
      <div className="centered" aria-busy="true">
        <Skeleton width={240} />
      </div>
    );
  }
  if (customer) return <Navigate to="/sign-in?reason=not_admin" replace />;
  return <>{children}</>;
}

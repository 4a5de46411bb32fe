import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import type { User } from '@nexus/client-sdk';
import { nexus, onSessionEnd } from '../api/nexus';
import { Skeleton } from '../ui/feedback';

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
      onSessionEnd(() => {
        queryClient.clear();
        navigate(`/sign-in?reason=expired&next=${encodeURIComponent(location.pathname + location.search)}`);
      }),
    [navigate, queryClient, location],
  );
  const next = encodeURIComponent(location.pathname + location.search);
  if (hasTokens === false) return <Navigate to={`/sign-in?next=${next}`} replace />;
  if (me.isError) return <Navigate to={`/sign-in?reason=expired&next=${next}`} replace />;
  if (!me.data) {
    return (
      <div className="centered" aria-busy="true">
        <Skeleton width={240} />
      </div>
    );
  }
  if (me.data.role !== 'admin') {
    void nexus.logout();
    return <Navigate to="/sign-in?reason=not_admin" replace />;
  }
  return <>{children}</>;
}

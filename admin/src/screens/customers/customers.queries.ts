import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AdminUpdateUserBody, User, UserListQuery } from '@nexus/client-sdk';
import { nexus } from '../../api/nexus';

export const customerKeys = {
  all: ['users'] as const,
  list: (query: Partial<UserListQuery>) => ['users', 'list', query] as const,
  one: (id: string) => ['users', 'one', id] as const,
};

/** A page of accounts; the previous page stays on screen while the next one loads. */
export function useCustomers(query: Partial<UserListQuery>) {
  return useQuery({
    queryKey: customerKeys.list(query),
    queryFn: () => nexus.users.list({ query }),
    placeholderData: keepPreviousData,
  });
}

export function useCustomer(id: string) {
  return useQuery({ queryKey: customerKeys.one(id), queryFn: () => nexus.users.get({ params: { id } }) });
}

/** Changes an account; the answer replaces the cached one, and lists refetch. */
export function useUpdateCustomer(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: AdminUpdateUserBody) => nexus.users.update({ params: { id }, body }),
    onSuccess: (user: User) => {
      queryClient.setQueryData(customerKeys.one(id), user);
      void queryClient.invalidateQueries({ queryKey: ['users', 'list'] });
      // Deactivating ends every session of the account.
      void queryClient.invalidateQueries({ queryKey: ['users', 'sessions', id] });
    },
  });
}

/** The account's live logins. */
export function useCustomerSessions(userId: string) {
  return useQuery({
    queryKey: ['users', 'sessions', userId],
    queryFn: () => nexus.sessions.listForUser({ params: { id: userId } }),
  });
}

/** Ends one login of the account: its tokens stop working at once. */
export function useEndCustomerSession(userId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (sessionId: string) => nexus.sessions.endForUser({ params: { id: userId, session_id: sessionId } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['users', 'sessions', userId] }),
  });
}

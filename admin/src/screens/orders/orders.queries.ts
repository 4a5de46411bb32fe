import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Order, OrderListQuery, OrderStatus } from '@nexus/client-sdk';
import { nexus } from '../../api/nexus';

export const orderKeys = {
  all: ['orders'] as const,
  lists: ['orders', 'list'] as const,
  list: (query: Partial<OrderListQuery>) => ['orders', 'list', query] as const,
  /** The order and everything read about it (events, payments): invalidating this refetches all of them. */
  one: (id: string) => ['orders', 'one', id] as const,
  events: (id: string) => ['orders', 'one', id, 'events'] as const,
  payments: (id: string) => ['orders', 'one', id, 'payments'] as const,
};

/** A page of orders, newest first; the previous page stays on screen while the next one loads. */
export function useOrders(query: Partial<OrderListQuery>) {
  return useQuery({
    queryKey: orderKeys.list(query),
    queryFn: () => nexus.orders.list({ query }),
    placeholderData: keepPreviousData,
  });
}

/** One order, with its items as they were at checkout. */
export function useOrder(id: string) {
  return useQuery({ queryKey: orderKeys.one(id), queryFn: () => nexus.orders.get({ params: { id } }) });
}

/** The order's history: the events written about it and its payments, oldest first. */
export function useOrderEvents(id: string) {
  return useQuery({ queryKey: orderKeys.events(id), queryFn: () => nexus.orders.events({ params: { id } }) });
}

/** The order's payments, newest first. */
export function useOrderPayments(id: string) {
  return useQuery({ queryKey: orderKeys.payments(id), queryFn: () => nexus.payments.list({ params: { id } }) });
}

/**
 * Moves an order to its next status. Cancelling has its own endpoint (it restores stock and refunds a paid order);
 * every other step is a PATCH. Not optimistic: the server may refuse (someone else moved the order), and a cancel
 * has effects the screen cannot predict. Settled either way, the order, its events, its payments, the lists and the
 * overview's figures are read again.
 */
export function useChangeOrderStatus(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (next: OrderStatus): Promise<Order> =>
      next === 'cancelled'
        ? nexus.orders.cancel({ params: { id } })
        : nexus.orders.update({ params: { id }, body: { status: next } }),
    onSuccess: (order) => queryClient.setQueryData(orderKeys.one(id), order),
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: orderKeys.one(id) }),
        queryClient.invalidateQueries({ queryKey: orderKeys.lists }),
        queryClient.invalidateQueries({ queryKey: ['stats'] }),
      ]),
  });
}

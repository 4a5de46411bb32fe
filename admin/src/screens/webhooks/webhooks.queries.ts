import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateWebhookBody, PageQuery, UpdateWebhookBody, Webhook } from '@nexus/client-sdk';
import { isNexusError } from '@nexus/client-sdk';
import { nexus } from '../../api/nexus';

export const webhookKeys = {
  all: ['webhooks'] as const,
  lists: ['webhooks', 'list'] as const,
  list: (query: Partial<PageQuery>) => ['webhooks', 'list', query] as const,
  one: (id: string) => ['webhooks', 'one', id] as const,
  deliveries: (id: string, query: Partial<PageQuery>) => ['webhooks', 'deliveries', id, query] as const,
};

/** A page of webhooks (secrets masked). */
export function useWebhooks(query: Partial<PageQuery>) {
  return useQuery({
    queryKey: webhookKeys.list(query),
    queryFn: () => nexus.webhooks.list({ query }),
    placeholderData: keepPreviousData,
  });
}

/** One webhook (secret masked), or null when there is none with this id. */
export function useWebhook(id: string) {
  return useQuery({
    queryKey: webhookKeys.one(id),
    queryFn: async (): Promise<Webhook | null> => {
      try {
        return await nexus.webhooks.get({ params: { id } });
      } catch (error) {
        if (isNexusError(error, 'not_found')) return null;
        throw error;
      }
    },
  });
}

/** Subscribes a URL; the answer is the only one that holds the signing secret in full. */
export function useCreateWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateWebhookBody) => nexus.webhooks.create({ body }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: webhookKeys.lists }),
  });
}

/** Changes a webhook; the answer replaces the cached one, and lists refetch. */
export function useUpdateWebhook(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateWebhookBody) => nexus.webhooks.update({ params: { id }, body }),
    onSuccess: (webhook) => {
      queryClient.setQueryData(webhookKeys.one(id), webhook);
      void queryClient.invalidateQueries({ queryKey: webhookKeys.lists });
    },
  });
}

/** Deletes a webhook and its delivery log. */
export function useDeleteWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => nexus.webhooks.delete({ params: { id } }),
    onSuccess: (_answer, id) => {
      queryClient.removeQueries({ queryKey: webhookKeys.one(id) });
      void queryClient.invalidateQueries({ queryKey: webhookKeys.lists });
    },
  });
}

/** A page of a webhook's deliveries, newest first; polled while one is still on its way, so the log settles itself. */
export function useDeliveries(id: string, query: Partial<PageQuery>) {
  return useQuery({
    queryKey: webhookKeys.deliveries(id, query),
    queryFn: () => nexus.webhooks.deliveries({ params: { id }, query }),
    placeholderData: keepPreviousData,
    // While a delivery waits for the worker, for two minutes at most (with no worker running it would wait forever).
    refetchInterval: (current) =>
      current.state.data?.results.some((delivery) => delivery.status === 'pending') &&
      current.state.dataUpdateCount < 40
        ? 3000
        : false,
  });
}

/** Gives a dead delivery a fresh round of attempts (202: the worker sends it shortly); the log refetches. */
export function useRetryDelivery(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (deliveryId: string) => nexus.webhooks.retryDelivery({ params: { id, delivery_id: deliveryId } }),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: ['webhooks', 'deliveries', id] }),
  });
}

import { QueryClient } from '@tanstack/react-query';
import { isNexusError } from '@nexus/client-sdk';

/**
 * Answers stay fresh for a few seconds (moving between screens does not refetch everything) and failed reads are
 * retried only when retrying can help: never a 4xx, which would fail the same way again.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 10_000,
        refetchOnWindowFocus: false,
        retry: (failures, error) => failures < 2 && !(isNexusError(error) && error.status < 500),
      },
    },
  });
}

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AdminReviewListQuery } from '@nexus/client-sdk';
import { nexus } from '../../api/nexus';

export const reviewKeys = {
  all: ['reviews'] as const,
  list: (query: Partial<AdminReviewListQuery>) => ['reviews', 'list', query] as const,
};

/** A page of every review, newest first; the previous page stays on screen while the next one loads. */
export function useReviews(query: Partial<AdminReviewListQuery>) {
  return useQuery({
    queryKey: reviewKeys.list(query),
    queryFn: () => nexus.reviews.listAll({ query }),
    placeholderData: keepPreviousData,
  });
}

/** Deletes a review (moderation); the lists refetch, and the product's rating follows on the server. */
export function useDeleteReview() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => nexus.reviews.delete({ params: { id } }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: reviewKeys.all }),
  });
}

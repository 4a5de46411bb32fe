import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateProductBody, Product, ProductListQueryInput } from '@nexus/client-sdk';
import { nexus } from '../../api/nexus';
import type { SaveStep } from '../../lib/variant-save-plan';

export const productKeys = {
  all: ['products'] as const,
  lists: ['products', 'list'] as const,
  list: (query: ProductListQueryInput) => ['products', 'list', query] as const,
  one: (id: string) => ['products', 'one', id] as const,
};

/** How often a product whose thumbnails are still being made is read again. */
const THUMBNAIL_POLL_MS = 2500;

/** A page of the catalogue; the previous page stays on screen while the next one loads. */
export function useProducts(query: ProductListQueryInput) {
  return useQuery({
    queryKey: productKeys.list(query),
    queryFn: () => nexus.products.list({ query }),
    placeholderData: keepPreviousData,
  });
}

/** How long to keep waiting for thumbnails: the worker may not run, or may have given up on a file. */
const THUMBNAIL_POLL_FOR_MS = 120_000;
/** When this tab first saw each image without thumbnails. */
const waitingSince = new Map<string, number>();

/**
 * One product, read again every few seconds (for two minutes at most) while any of its images still waits for its
 * thumbnails.
 */
export function useProduct(id: string) {
  return useQuery({
    queryKey: productKeys.one(id),
    queryFn: () => nexus.products.get({ params: { id } }),
    refetchInterval: (query) => {
      const waiting = query.state.data?.images.filter((image) => image.thumbnails.small === null) ?? [];
      for (const image of waiting) if (!waitingSince.has(image.id)) waitingSince.set(image.id, Date.now());
      const newest = Math.max(0, ...waiting.map((image) => waitingSince.get(image.id) ?? 0));
      return waiting.length && Date.now() - newest < THUMBNAIL_POLL_FOR_MS ? THUMBNAIL_POLL_MS : false;
    },
  });
}

/** The product as the server has it now, bypassing the cache: what a save must start from. */
export function useLatestProduct(id: string): () => Promise<Product> {
  const queryClient = useQueryClient();
  return () =>
    queryClient.fetchQuery({
      queryKey: productKeys.one(id),
      queryFn: () => nexus.products.get({ params: { id } }),
      staleTime: 0,
    });
}

/** Creates a product; it is cached at once for the edit screen the user lands on next. */
export function useCreateProduct() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateProductBody) => nexus.products.create({ body }),
    onSuccess: (product: Product) => {
      queryClient.setQueryData(productKeys.one(product.id), product);
      void queryClient.invalidateQueries({ queryKey: productKeys.lists });
    },
  });
}

/** A save that failed at `step` (the ones before it were made); `latest` is the product as it now is, if readable. */
export class SaveStepError extends Error {
  constructor(
    readonly step: SaveStep,
    readonly index: number,
    readonly failure: unknown,
    readonly latest: Product | null,
  ) {
    super(`saving step ${index} (${step.kind}) failed`);
  }
}

function runStep(id: string, step: SaveStep): Promise<unknown> {
  switch (step.kind) {
    case 'replace':
      return nexus.products.replace({ params: { id }, body: step.body });
    case 'update':
      return nexus.products.update({ params: { id }, body: step.body });
    case 'updateVariant':
      return nexus.products.variants.update({ params: { id, variant_id: step.variantId }, body: step.body });
    case 'createVariant':
      return nexus.products.variants.create({ params: { id }, body: step.body });
    case 'deleteVariant':
      return nexus.products.variants.delete({ params: { id, variant_id: step.variantId } });
  }
}

/** Makes a save's calls one after the other and answers the product as saved; stops at the first that fails. */
export function useSaveProduct(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (steps: SaveStep[]): Promise<Product> => {
      for (const [index, step] of steps.entries()) {
        try {
          await runStep(id, step);
        } catch (failure) {
          const latest = await nexus.products.get({ params: { id } }).catch(() => null);
          throw new SaveStepError(step, index, failure, latest);
        }
      }
      return nexus.products.get({ params: { id } });
    },
    onSuccess: (product) => queryClient.setQueryData(productKeys.one(id), product),
    onError: (error) => {
      if (error instanceof SaveStepError && error.latest) queryClient.setQueryData(productKeys.one(id), error.latest);
    },
    onSettled: () => void queryClient.invalidateQueries({ queryKey: productKeys.lists }),
  });
}

/** Deletes a product, with its variants and images. */
export function useDeleteProduct(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => nexus.products.delete({ params: { id } }),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: productKeys.one(id) });
      void queryClient.invalidateQueries({ queryKey: productKeys.lists });
    },
  });
}

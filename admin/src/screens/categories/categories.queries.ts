import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Category, CreateCategoryBody, UpdateCategoryBody } from '@nexus/client-sdk';
import { MAX_PAGE_SIZE } from '@nexus/contract';
import { nexus } from '../../api/nexus';

export const categoryKeys = {
  all: ['categories'] as const,
  tree: ['categories', 'tree'] as const,
  productCounts: ['categories', 'product-counts'] as const,
};

// A shop has tens or hundreds of categories, not millions; this bounds the pages read should that ever change.
const MAX_CATEGORY_PAGES = 20;

/**
 * Every category. The shop has a few dozen (the products are what run to a million), so every page is read, 100 at
 * a time, and trees are built from `parent_id` rather than fetched level by level.
 */
async function fetchAllCategories(): Promise<Category[]> {
  const categories: Category[] = [];
  for (let page = 1; page <= MAX_CATEGORY_PAGES; page++) {
    const answer = await nexus.categories.list({ query: { page, page_size: MAX_PAGE_SIZE } });
    categories.push(...answer.results);
    if (!answer.next || answer.results.length === 0) break;
  }
  return categories;
}

/** Every category of the shop, for the tree, the Parent choices and the products' category selects. */
export function useAllCategories() {
  return useQuery({ queryKey: categoryKeys.tree, queryFn: fetchAllCategories, staleTime: 60_000 });
}

/**
 * How many products each category holds, its subcategories included (the catalogue's facet counts, one cached
 * call). Categories without products are absent: they count 0.
 */
export function useCategoryProductCounts() {
  return useQuery({
    queryKey: categoryKeys.productCounts,
    queryFn: async () => {
      const facets = await nexus.products.facets({ query: {} });
      return new Map(facets.categories.map((category) => [category.id, category.count]));
    },
    staleTime: 60_000,
  });
}

/** After any write the tree is read again: a move changes a whole subtree, a rename the order of siblings. */
function useRefreshCategories() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: categoryKeys.all });
}

/** Creates a category; the tree refetches. */
export function useCreateCategory() {
  const refresh = useRefreshCategories();
  return useMutation({
    mutationFn: (body: CreateCategoryBody) => nexus.categories.create({ body }),
    onSuccess: () => void refresh(),
  });
}

/** Renames, re-describes or moves a category (only the fields given change); the tree refetches. */
export function useUpdateCategory(id: string) {
  const refresh = useRefreshCategories();
  return useMutation({
    mutationFn: (body: UpdateCategoryBody) => nexus.categories.update({ params: { id }, body }),
    onSuccess: () => void refresh(),
  });
}

/** Deletes a category; the API refuses (409 `category_in_use`) while it has products or children. */
export function useDeleteCategory() {
  const refresh = useRefreshCategories();
  return useMutation({
    mutationFn: (id: string) => nexus.categories.delete({ params: { id } }),
    onSuccess: () => void refresh(),
  });
}

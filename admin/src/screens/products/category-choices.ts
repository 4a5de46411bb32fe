import { useMemo } from 'react';
import type { Category } from '@nexus/client-sdk';
import { useAllCategories } from '../categories/categories.queries';

/** A category as a select shows it: indented under its parent. */
export interface CategoryChoice {
  id: string;
  slug: string;
  name: string;
  depth: number;
}

/** The categories in tree order (each followed by its children, by name), for a select. */
export function treeOrder(categories: Category[]): CategoryChoice[] {
  const children = new Map<string | null, Category[]>();
  const ids = new Set(categories.map((category) => category.id));
  for (const category of categories) {
    // A parent beyond the pages read is shown as a root rather than not at all.
    const parent = category.parent_id && ids.has(category.parent_id) ? category.parent_id : null;
    children.set(parent, [...(children.get(parent) ?? []), category]);
  }
  const ordered: CategoryChoice[] = [];
  const visit = (parent: string | null, depth: number) => {
    const siblings = [...(children.get(parent) ?? [])].sort((a, b) => a.name.localeCompare(b.name));
    for (const category of siblings) {
      ordered.push({ id: category.id, slug: category.slug, name: category.name, depth });
      visit(category.id, depth + 1);
    }
  };
  visit(null, 0);
  return ordered;
}

/** Every category, in tree order, for the category selects of the product screens (the categories screen's query). */
export function useCategoryChoices() {
  const categories = useAllCategories();
  const data = useMemo(() => (categories.data ? treeOrder(categories.data) : undefined), [categories.data]);
  return { ...categories, data };
}

/** A choice's label, indented by depth with em spaces (an <option> holds text only). */
export const choiceLabel = (choice: CategoryChoice): string => `${'\u2003'.repeat(choice.depth)}${choice.name}`;

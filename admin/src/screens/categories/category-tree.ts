import type { Category } from '@nexus/client-sdk';

/** A category with its children, siblings in name order. */
export interface CategoryNode {
  category: Category;
  children: CategoryNode[];
  depth: number;
}

const byName = (a: CategoryNode, b: CategoryNode) =>
  a.category.name.localeCompare(b.category.name, 'en', { sensitivity: 'base' });

/**
 * The tree of a flat list of categories, built from `parent_id`. A category whose parent is missing from the list
 * (deleted meanwhile) is shown as a root rather than lost.
 */
export function buildCategoryTree(categories: readonly Category[]): CategoryNode[] {
  const nodes = new Map<string, CategoryNode>();
  for (const category of categories) nodes.set(category.id, { category, children: [], depth: 0 });
  const roots: CategoryNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.category.parent_id ? nodes.get(node.category.parent_id) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const settle = (list: CategoryNode[], depth: number) => {
    list.sort(byName);
    for (const node of list) {
      node.depth = depth;
      settle(node.children, depth + 1);
    }
  };
  settle(roots, 0);
  return roots;
}

/** The tree depth first, as the Parent select lists it. */
export function flattenCategoryTree(roots: readonly CategoryNode[]): CategoryNode[] {
  return roots.flatMap((node) => [node, ...flattenCategoryTree(node.children)]);
}

import { isNexusError, type Category } from '@nexus/client-sdk';
import { useMemo, useState } from 'react';
import { problemMessage } from '../../lib/problems';
import { useUrlFilters } from '../../lib/url-state';
import { useConfirm } from '../../ui/confirm';
import { EmptyState, ErrorAlert, Skeleton } from '../../ui/feedback';
import { Card, PageHeader } from '../../ui/page';
import { useToast } from '../../ui/toast';
import { useAllCategories, useCategoryProductCounts, useDeleteCategory } from './categories.queries';
import { CreateCategoryForm, EditCategoryForm } from './category-form';
import { buildCategoryTree, flattenCategoryTree, type CategoryNode } from './category-tree';
import { CategoryTreeView } from './category-tree-view';

/** `?edit=<id>` edits a category, `?new=1` (with `&parent=<id>`) creates one: a reload keeps the form open. */
const defaults = { edit: '', new: '', parent: '' };

const plural = (count: number, one: string, many: string) =>
  `${count.toLocaleString('en')} ${count === 1 ? one : many}`;

/** Why the API refused to delete (409 `category_in_use`), in the words of what is in the way. */
function refusalOf(node: CategoryNode | undefined, products: number | undefined, name: string): string {
  const parts: string[] = [];
  const children = node?.children.length ?? 0;
  if (children) parts.push(plural(children, 'subcategory', 'subcategories'));
  if (products)
    parts.push(
      children ? `${plural(products, 'product', 'products')} in it or below` : plural(products, 'product', 'products'),
    );
  const what = parts.length ? parts.join(' and ') : 'products or subcategories';
  const one = children + (products ?? 0) === 1;
  const them = one ? 'it' : 'them';
  return `“${name}” cannot be deleted: it still has ${what}. Move ${them} to another category or delete ${them} first.`;
}

function TreeSkeleton() {
  return (
    <div className="stack" aria-busy="true" aria-label="Loading categories">
      {[60, 45, 70, 50, 65].map((width) => (
        <Skeleton key={width} width={`${width}%`} />
      ))}
    </div>
  );
}

/** The category tree: create, edit, move (change parent) and delete categories. */
export function CategoriesScreen() {
  const [filters, setFilters] = useUrlFilters(defaults);
  const categories = useAllCategories();
  const counts = useCategoryProductCounts();
  const remove = useDeleteCategory();
  const confirm = useConfirm();
  const notify = useToast();
  const [deleteErrors, setDeleteErrors] = useState<ReadonlyMap<string, string>>(new Map());

  const tree = useMemo(() => buildCategoryTree(categories.data ?? []), [categories.data]);
  const nodes = useMemo(() => new Map(flattenCategoryTree(tree).map((node) => [node.category.id, node])), [tree]);
  const editing = filters.edit ? nodes.get(filters.edit)?.category : undefined;
  const closeForm = () => setFilters({ edit: '', new: '', parent: '' });

  const setDeleteError = (id: string, message: string | null) =>
    setDeleteErrors((current) => {
      const next = new Map(current);
      if (message) next.set(id, message);
      else next.delete(id);
      return next;
    });

  const deleteCategory = async (category: Category) => {
    // What is known to be in the way is said at once, instead of asking first and being refused after.
    const node = nodes.get(category.id);
    const products = counts.data?.get(category.id);
    if ((node?.children.length ?? 0) > 0 || (products ?? 0) > 0) {
      setDeleteError(category.id, refusalOf(node, products, category.name));
      return;
    }
    const confirmed = await confirm({
      title: `Delete “${category.name}”?`,
      body: 'The category is removed from the shop for good. This cannot be undone.',
      confirmLabel: 'Delete category',
      danger: true,
    });
    if (!confirmed) return;
    setDeleteError(category.id, null);
    try {
      await remove.mutateAsync(category.id);
      if (filters.edit === category.id) closeForm();
      notify(`Category “${category.name}” deleted`);
    } catch (error) {
      // Someone added a product or a subcategory meanwhile: the API's 409, in the same words.
      const inUse = isNexusError(error) && error.problem.code === 'category_in_use';
      setDeleteError(
        category.id,
        inUse ? refusalOf(nodes.get(category.id), counts.data?.get(category.id), category.name) : problemMessage(error),
      );
    }
  };

  const form = filters.new ? (
    <CreateCategoryForm key={`new-${filters.parent}`} tree={tree} parentId={filters.parent} onDone={closeForm} />
  ) : editing ? (
    <EditCategoryForm key={editing.id} category={editing} tree={tree} onDone={closeForm} />
  ) : null;

  return (
    <>
      <PageHeader
        title="Categories"
        lead="The shop's category tree. Product counts include the products of subcategories."
        actions={
          <button type="button" className="btn primary" onClick={() => setFilters({ new: '1', edit: '', parent: '' })}>
            New category
          </button>
        }
      />
      <Card title="Category tree">
        {categories.error ? (
          <ErrorAlert error={categories.error} onRetry={() => void categories.refetch()} />
        ) : !categories.data ? (
          <TreeSkeleton />
        ) : tree.length === 0 ? (
          <EmptyState>No categories yet: create the first one with “New category”.</EmptyState>
        ) : (
          <CategoryTreeView
            roots={tree}
            actions={{
              onEdit: (category) => setFilters({ edit: category.id, new: '', parent: '' }),
              onAddChild: (category) => setFilters({ new: '1', parent: category.id, edit: '' }),
              onDelete: (category) => void deleteCategory(category),
              deleteErrors,
              onDismissError: (id) => setDeleteError(id, null),
              productCounts: counts.data,
              busyId: remove.isPending ? (remove.variables ?? null) : null,
            }}
          />
        )}
      </Card>
      {form}
    </>
  );
}

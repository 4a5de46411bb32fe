import type { Category } from '@nexus/client-sdk';
import { Badge } from '../../ui/feedback';
import type { CategoryNode } from './category-tree';

export interface CategoryRowActions {
  onEdit: (category: Category) => void;
  onAddChild: (category: Category) => void;
  onDelete: (category: Category) => void;
  /** Why a delete was refused, per category id: shown under its row. */
  deleteErrors: ReadonlyMap<string, string>;
  onDismissError: (id: string) => void;
  /** Products in each category and below; undefined while unknown. */
  productCounts: ReadonlyMap<string, number> | undefined;
  busyId: string | null;
}

function ProductCount({ count }: { count: number | undefined }) {
  if (count === undefined) return null;
  if (count === 0) return <span className="muted">no products</span>;
  return <Badge tone="info">{`${count.toLocaleString('en')} ${count === 1 ? 'product' : 'products'}`}</Badge>;
}

function CategoryRow({ node, actions }: { node: CategoryNode; actions: CategoryRowActions }) {
  const { category } = node;
  const refusal = actions.deleteErrors.get(category.id);
  const hidden = <span className="visually-hidden"> {category.name}</span>;
  return (
    <li>
      <div className="node">
        <strong>{category.name}</strong>
        <span className="mono muted">{category.slug}</span>
        <ProductCount count={actions.productCounts ? (actions.productCounts.get(category.id) ?? 0) : undefined} />
        <span style={{ flex: 1 }} />
        <button type="button" className="btn small" onClick={() => actions.onEdit(category)}>
          Edit{hidden}
        </button>
        <button type="button" className="btn small" onClick={() => actions.onAddChild(category)}>
          Add subcategory<span className="visually-hidden"> to {category.name}</span>
        </button>
        <button
          type="button"
          className="btn small danger"
          disabled={actions.busyId === category.id}
          onClick={() => actions.onDelete(category)}
        >
          Delete{hidden}
        </button>
      </div>
      {refusal ? (
        <div className="alert error row" role="alert" style={{ justifyContent: 'space-between', margin: '4px 0' }}>
          <span>{refusal}</span>
          <button type="button" className="btn small" onClick={() => actions.onDismissError(category.id)}>
            Dismiss
          </button>
        </div>
      ) : null}
      {node.children.length ? <CategoryList nodes={node.children} actions={actions} /> : null}
    </li>
  );
}

function CategoryList({
  nodes,
  actions,
  root,
}: {
  nodes: CategoryNode[];
  actions: CategoryRowActions;
  root?: boolean;
}) {
  return (
    <ul className={root ? 'tree root' : 'tree'}>
      {nodes.map((node) => (
        <CategoryRow key={node.category.id} node={node} actions={actions} />
      ))}
    </ul>
  );
}

/** The category tree as nested lists, each row with its slug, product count and actions. */
export function CategoryTreeView({ roots, actions }: { roots: CategoryNode[]; actions: CategoryRowActions }) {
  return <CategoryList nodes={roots} actions={actions} root />;
}

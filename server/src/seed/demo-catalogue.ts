import { slugify } from '../lib/slug.js';
import { generatedSku } from '../modules/variants/variant-writes.js';
import { demoTree, type DemoCategory } from './demo-data.js';
import { seedDemoVariants } from './demo-variants.js';
import type { Deps } from '../deps.js';

/** mulberry32: a tiny seeded PRNG, so the demo catalogue is the same on every machine. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PRODUCTS_PER_LEAF = 34;
const DAY_MS = 86_400_000;

/**
 * Loads the demo catalogue (42 categories, about a thousand products, a few in sizes and colours with
 * photos) idempotently: fixed slugs, and
 * `on conflict do nothing`, so a second run adds nothing and never touches rows an admin has edited.
 */
export async function seedDemoCatalogue(
  deps: Pick<Deps, 'db' | 'media' | 'logger'>,
  now = Date.parse('2026-11-01T00:00:00Z'),
): Promise<{ categories: number; products: number; images: number }> {
  const { db } = deps;
  const random = seededRandom(42);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  let categories = 0;
  let products = 0;

  const visit = async (node: DemoCategory, parentId: string | null): Promise<void> => {
    const slug = slugify(node.name, 'category');
    const inserted = await db
      .insertInto('categories')
      .values({ name: node.name, slug, description: node.description, parent_id: parentId })
      .onConflict((oc) => oc.doNothing())
      .returning('id')
      .executeTakeFirst();
    categories += inserted ? 1 : 0;
    const { id } =
      inserted ?? (await db.selectFrom('categories').select('id').where('slug', '=', slug).executeTakeFirstOrThrow());
    for (const child of node.children ?? []) await visit(child, id);
    if (!node.products) return;
    const { kinds, brands, price, features } = node.products;
    const rows = Array.from({ length: PRODUCTS_PER_LEAF }, (_, i) => {
      const name =
        `${pick(brands)} ${pick(kinds)} ${['', 'Pro ', 'Lite ', 'Max ', 'Plus '][i % 5]}${100 + Math.floor(random() * 900)}`.replace(
          /\s+/g,
          ' ',
        );
      const [first, second] = [pick(features), pick(features)];
      // Whole cents, skewed towards the cheap end, ending like real price tags (.00, .49, .90, .95, .99).
      const units = price[0] + Math.floor((price[1] - price[0]) * random() ** 2);
      const cents = [0, 49, 90, 95, 99][Math.floor(random() * 5)]!;
      return {
        name,
        slug: `${slugify(name, 'product')}-${slug}-${i + 1}`,
        description: `The ${name} comes with ${first}${second === first ? '' : ` and ${second}`}. ${node.description}, from ${name.split(' ')[0]}.`,
        price: `${units}.${String(cents).padStart(2, '0')}`,
        stock: random() < 0.1 ? 0 : Math.floor(random() * 200) + 1,
        category_id: id,
        created_at: new Date(now - Math.floor(random() * 365 * DAY_MS)).toISOString(),
      };
    });
    const result = await db
      .insertInto('products')
      .values(rows)
      .onConflict((oc) => oc.doNothing())
      .returning(['id', 'price', 'stock'])
      .execute();
    if (result.length) {
      await db
        .insertInto('product_variants')
        .values(result.map(({ id, price, stock }) => ({ product_id: id, sku: generatedSku(id), price, stock })))
        .execute();
    }
    products += result.length;
  };

  for (const root of demoTree) await visit(root, null);
  // Then clothes and shoes in sizes and colours, with photos.
  const apparel = await seedDemoVariants(deps, now);
  return { categories, products: products + apparel.products, images: apparel.images };
}

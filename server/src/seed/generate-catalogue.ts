import { sql, type Kysely } from 'kysely';
import type { DB } from '@nexus/db';

export interface GenerateOptions {
  products: number;
  categories: number;
  seed: number;
  onProgress?: (message: string) => void;
}

// Vocabulary for generated names and descriptions, sized for realistic search frequencies: each
// description has six common words drawn uniformly from 60 (so each is in ~10 % of products), and one
// product in 50 also gets one of 40 rare words (each in ~0.05 %). Brands and adjectives are ~5 % each,
// nouns ~2.5 %.
const BRANDS = [
  'Nordic',
  'Vertex',
  'Lumen',
  'Arcadia',
  'Kestrel',
  'Orbis',
  'Maison',
  'Birch',
  'Ember',
  'Atlas',
  'Fjord',
  'Marlow',
  'Sienna',
  'Tundra',
  'Quill',
  'Harbour',
  'Meeple',
  'Dicey',
  'Kobo',
  'Zephyr',
];
const ADJECTIVES = [
  'Compact',
  'Classic',
  'Premium',
  'Ultra',
  'Smart',
  'Wireless',
  'Portable',
  'Eco',
  'Deluxe',
  'Essential',
  'Pro',
  'Mini',
  'Max',
  'Lite',
  'Studio',
  'Travel',
  'Outdoor',
  'Vintage',
  'Modern',
  'Rugged',
];
const NOUNS = [
  'Laptop',
  'Monitor',
  'Keyboard',
  'Mouse',
  'Headphones',
  'Speaker',
  'Camera',
  'Lens',
  'Phone',
  'Tablet',
  'Charger',
  'Cable',
  'Kettle',
  'Toaster',
  'Blender',
  'Grinder',
  'Pan',
  'Knife',
  'Chair',
  'Desk',
  'Lamp',
  'Sofa',
  'Shirt',
  'Jacket',
  'Sweater',
  'Dress',
  'Boot',
  'Sneaker',
  'Backpack',
  'Suitcase',
  'Watch',
  'Helmet',
  'Tent',
  'Stove',
  'Mat',
  'Novel',
  'Cookbook',
  'Puzzle',
  'Game',
  'Mug',
];
const COMMON_WORDS = [
  'durable',
  'lightweight',
  'quiet',
  'fast',
  'warm',
  'soft',
  'bright',
  'compact',
  'steel',
  'cotton',
  'wooden',
  'leather',
  'battery',
  'display',
  'wireless',
  'waterproof',
  'foldable',
  'adjustable',
  'recycled',
  'handmade',
  'ergonomic',
  'stainless',
  'ceramic',
  'bamboo',
  'merino',
  'carbon',
  'titanium',
  'aluminium',
  'linen',
  'walnut',
  'magnetic',
  'modular',
  'insulated',
  'breathable',
  'stackable',
  'dimmable',
  'rechargeable',
  'washable',
  'reversible',
  'detachable',
  'panoramic',
  'acoustic',
  'thermal',
  'tactile',
  'polarised',
  'ultralight',
  'weatherproof',
  'elegant',
  'rugged',
  'sleek',
  'classic',
  'premium',
  'portable',
  'silent',
  'sturdy',
  'glossy',
  'matte',
  'vivid',
  'cosy',
  'versatile',
];
const RARE_WORDS = [
  'gyroscopic',
  'holographic',
  'iridescent',
  'ambidextrous',
  'telescopic',
  'photochromic',
  'piezoelectric',
  'hydrophobic',
  'oleophobic',
  'quasicrystal',
  'hypoallergenic',
  'antimicrobial',
  'biodegradable',
  'electroluminescent',
  'ferrofluid',
  'graphene',
  'kevlar',
  'lenticular',
  'magnetostrictive',
  'nanoceramic',
  'obsidian',
  'palladium',
  'quartzite',
  'rhodium',
  'sapphire',
  'tourmaline',
  'ultrasonic',
  'vulcanised',
  'wolfram',
  'xenon',
  'yttrium',
  'zirconia',
  'aerogel',
  'basalt',
  'cordierite',
  'damascus',
  'ebonite',
  'fluorite',
  'garnet',
  'hematite',
];

/** The share of generated products sold in several sizes, and the sizes they come in (the first 2 to 6). */
const MULTI_VARIANT_SHARE = 0.2;
const SIZES = sql`array['XS', 'S', 'M', 'L', 'XL', 'XXL']`;

function tree(total: number) {
  // Three levels with five children per node: roots × (1 + 5 + 25) ≈ total.
  const roots = Math.max(1, Math.round(total / 31));
  return { roots, branching: 5 };
}

/**
 * Loads a deterministic catalogue with set-based SQL (no row-by-row inserts): the same seed gives the same rows.
 * Secondary indexes are dropped for the load and rebuilt afterwards, which is several times faster than
 * maintaining them row by row. Existing catalogue rows are removed first.
 */
export async function generateCatalogue(
  db: Kysely<DB>,
  options: GenerateOptions,
): Promise<{ categories: number; products: number }> {
  const log = options.onProgress ?? (() => {});
  const { roots, branching } = tree(options.categories);
  const seed = options.seed;
  // A uniform number in [0, 1) from (row, field): stable hash functions, so the data does not depend on random().
  const r = (row: string, field: number) =>
    sql.raw(`((hashint8extended(${row}, ${seed * 100 + field}) & 4503599627370495)::float8 / 4503599627370496)`);
  // How many variants the product of row `row` has: from its own hash, so both inserts agree.
  const variantCount = (row: string) =>
    sql`(case when ${r(row, 16)} < ${MULTI_VARIANT_SHARE} then 2 + floor(${r(row, 17)} * 5)::int else 1 end)`;

  await db.transaction().execute(async (trx) => {
    await sql`truncate products, categories cascade`.execute(trx);

    log(`categories: ${roots} roots, ${branching} children each, 3 levels`);
    await sql`
      insert into categories (id, name, slug, description, parent_id)
      select md5(${`${seed}:r:`} || r)::uuid, 'Department ' || r, 'department-' || r, 'Generated department ' || r, null
      from generate_series(1, ${roots}) r`.execute(trx);
    await sql`
      insert into categories (id, name, slug, description, parent_id)
      select md5(${`${seed}:c:`} || r || ':' || c)::uuid, 'Aisle ' || r || '.' || c, 'aisle-' || r || '-' || c, 'Generated aisle', md5(${`${seed}:r:`} || r)::uuid
      from generate_series(1, ${roots}) r, generate_series(1, ${branching}) c`.execute(trx);
    await sql`
      insert into categories (id, name, slug, description, parent_id)
      select md5(${`${seed}:l:`} || r || ':' || c || ':' || l)::uuid, 'Shelf ' || r || '.' || c || '.' || l, 'shelf-' || r || '-' || c || '-' || l,
             'Generated shelf', md5(${`${seed}:c:`} || r || ':' || c)::uuid
      from generate_series(1, ${roots}) r, generate_series(1, ${branching}) c, generate_series(1, ${branching}) l`.execute(
      trx,
    );

    const indexes = await sql<{ indexname: string; indexdef: string }>`
      select indexname, indexdef from pg_indexes
      where tablename = 'products' and indexname not in ('products_pkey', 'products_slug_key')`.execute(trx);
    for (const { indexname } of indexes.rows) await sql`drop index ${sql.id(indexname)}`.execute(trx);

    log(`products: ${options.products} rows`);
    await sql`
      with leaves as (select array_agg(id order by slug) as ids from categories where nlevel(path) = 3),
           vocab as (select ${BRANDS}::text[] as brands, ${ADJECTIVES}::text[] as adjectives, ${NOUNS}::text[] as nouns, ${COMMON_WORDS}::text[] as words, ${RARE_WORDS}::text[] as rare)
      insert into products (id, name, slug, description, price, stock, category_id, created_at, updated_at, options, skus)
      select id, name, slug, description, price, stock, category_id, created_at, created_at,
             case when n > 1 then jsonb_build_array(jsonb_build_object('name', 'Size', 'values', to_jsonb((${SIZES}::text[])[1:n])))
                  else '[]'::jsonb end,
             case when n > 1 then (select string_agg(sku || '-' || (${SIZES}::text[])[k], ' ' order by k) from generate_series(1, n) k)
                  else sku end
      from (
        select
          md5(${`${seed}:p:`} || i)::uuid as id,
          v.brands[1 + floor(${r('i', 1)} * 20)::int] || ' ' || v.adjectives[1 + floor(${r('i', 2)} * 20)::int] || ' ' ||
            v.nouns[1 + floor(${r('i', 3)} * 40)::int] || ' ' || (100 + floor(${r('i', 4)} * 900)::int) as name,
          'product-' || i as slug,
          (select string_agg(v.words[1 + floor(((hashint8extended(i * 16 + w, ${seed * 100 + 5}) & 4503599627370495)::float8 / 4503599627370496) * 60)::int], ' ')
             from generate_series(1, 6) w)
            || case when ${r('i', 11)} < 0.02 then ' ' || v.rare[1 + floor(${r('i', 12)} * 40)::int] else '' end || '.' as description,
          -- 1.00 to 5000.00, skewed low; built from whole cents, never a float amount
          ((100 + floor(power(${r('i', 6)}, 3) * 499900)::bigint)::numeric / 100)::numeric(12, 2) as price,
          case when ${r('i', 7)} < 0.1 then 0 else 1 + floor(${r('i', 8)} * 500)::int end as stock,
          l.ids[1 + floor(${r('i', 9)} * array_length(l.ids, 1))::int] as category_id,
          timestamptz '2026-11-01 00:00:00+00' - make_interval(secs => floor(${r('i', 10)} * 730 * 86400)::int) as created_at,
          ${variantCount('i')} as n,
          'SKU-' || upper(substr(replace(md5(${`${seed}:p:`} || i)::uuid::text, '-', ''), 1, 16)) as sku
        from generate_series(1, ${options.products}) i, leaves l, vocab v
      ) generated`.execute(trx);

    // Every product's variants, in one statement: one for most, 2 to 6 sizes for MULTI_VARIANT_SHARE of them. The
    // aggregate trigger is off for it: the first size carries the product's price and the others cost more, and
    // the product's stock is split between them, so products.price (the cheapest) and products.stock (the sum),
    // written above with the SKUs, already hold; recomputing a million aggregates would change nothing.
    log(`variants (${MULTI_VARIANT_SHARE * 100} % of products in 2 to 6 sizes)`);
    // Nor are a million stock.changed events for a catalogue that never had another stock.
    await sql`alter table product_variants disable trigger product_variants_after_insert`.execute(trx);
    await sql`alter table product_variants disable trigger product_variants_emit_stock_of_new`.execute(trx);
    await sql`
      insert into product_variants (product_id, sku, title, options, price, stock, position)
      select p.id,
             case when v.n > 1 then v.sku || '-' || (${SIZES}::text[])[k] else v.sku end,
             case when v.n > 1 then (${SIZES}::text[])[k] else '' end,
             case when v.n > 1 then jsonb_build_object('Size', (${SIZES}::text[])[k]) else '{}'::jsonb end,
             case when k = 1 then p.price else round(p.price * (1 + 0.1 * (k - 1)), 2) end,
             p.stock / v.n + case when k <= p.stock % v.n then 1 else 0 end,
             k - 1
        from products p
        cross join lateral (select substr(p.slug, 9)::bigint as i) ix
        cross join lateral (select ${variantCount('ix.i')} as n,
                                   'SKU-' || upper(substr(replace(p.id::text, '-', ''), 1, 16)) as sku) v
        cross join lateral generate_series(1, v.n) k`.execute(trx);
    await sql`alter table product_variants enable trigger product_variants_after_insert`.execute(trx);
    await sql`alter table product_variants enable trigger product_variants_emit_stock_of_new`.execute(trx);

    // Ratings, for the rating filter and orderings to be planned on realistic data: 5 % of products get 1 to 4
    // reviews from a pool of generated reviewers (inactive, with no usable password), leaning positive. The
    // reviews' own triggers compute rating_avg and review_count, as for any review write.
    const reviewers = 500;
    log('reviews on 5 % of products');
    await sql`delete from users where email like 'reviewer-%@generated.invalid'`.execute(trx);
    await sql`
      insert into users (email, password_hash, first_name, last_name, is_active)
      select 'reviewer-' || n || '@generated.invalid', '!', 'Reviewer', 'No. ' || n, false
        from generate_series(1, ${reviewers}) n`.execute(trx);
    await sql`
      with reviewers as (
        select array_agg(id order by email) as ids from users where email like 'reviewer-%@generated.invalid'),
      rated as (
        select i, md5(${`${seed}:p:`} || i)::uuid as product_id, 1 + floor(${r('i', 14)} * 4)::int as reviews
          from generate_series(1, ${options.products}) i
         where ${r('i', 13)} < 0.05)
      insert into reviews (product_id, user_id, rating, title, body, created_at, updated_at)
      select product_id, rv.ids[1 + (i * 7 + k) % ${reviewers}], 1 + floor(power(${r('i * 8 + k', 15)}, 0.6) * 5)::int,
             'Generated review', 'Generated review body.', now(), now()
        from rated, reviewers rv, generate_series(1, reviews) k`.execute(trx);

    log(`rebuilding ${indexes.rows.length} indexes`);
    await sql`set local maintenance_work_mem = '1GB'`.execute(trx);
    for (const { indexdef } of indexes.rows) await sql.raw(indexdef).execute(trx);
  });
  await sql`analyze categories, products, product_variants, reviews`.execute(db);
  const counted = await db
    .selectNoFrom((eb) => [
      eb.selectFrom('categories').select(eb.fn.countAll<number>().as('n')).as('categories'),
      eb.selectFrom('products').select(eb.fn.countAll<number>().as('n')).as('products'),
    ])
    .executeTakeFirstOrThrow();
  return { categories: Number(counted.categories), products: Number(counted.products) };
}

import sharp from 'sharp';
import type { ProductOption, VariantInput } from '@nexus/contract';
import type { Deps } from '../deps.js';
import { withTransaction } from '../database/transaction.js';
import { addProductImage } from '../modules/images/add-product-image.js';
import { insertProduct } from '../modules/products/products.queries.js';
import { slugify } from '../lib/slug.js';

/** Colours of the demo's apparel: a name for the option value, a fill for its generated photo. */
const COLOURS: Record<string, string> = {
  Navy: '#1f2a44',
  Sand: '#d8c3a5',
  Forest: '#2f5d3a',
  Rust: '#b5542f',
};

interface DemoStyle {
  name: string;
  /** The demo category's name. */
  category: string;
  sizes: string[];
  colours: string[];
  /** Base price in whole units; larger sizes cost a little more. */
  price: number;
  description: string;
}

const STYLES: DemoStyle[] = [
  {
    name: 'Fjord Merino T-Shirt',
    category: "Men's Clothing",
    sizes: ['S', 'M', 'L', 'XL'],
    colours: ['Navy', 'Sand', 'Forest'],
    price: 39,
    description: 'A soft merino tee that keeps you warm in the cold and cool in the heat.',
  },
  {
    name: 'Atlas Canvas Overshirt',
    category: "Men's Clothing",
    sizes: ['M', 'L', 'XL'],
    colours: ['Sand', 'Rust'],
    price: 79,
    description: 'Heavy cotton canvas with two chest pockets, for layering through autumn.',
  },
  {
    name: 'Sienna Linen Dress',
    category: "Women's Clothing",
    sizes: ['XS', 'S', 'M', 'L'],
    colours: ['Sand', 'Forest'],
    price: 89,
    description: 'A breezy linen midi dress with a relaxed fit.',
  },
  {
    name: 'Marlow Everyday Hoodie',
    category: "Women's Clothing",
    sizes: ['S', 'M', 'L'],
    colours: ['Navy', 'Rust', 'Forest', 'Sand'],
    price: 59,
    description: 'Brushed fleece inside, a roomy hood and a kangaroo pocket.',
  },
  {
    name: 'Tundra Trail Runner',
    category: 'Running Shoes',
    sizes: ['40', '41', '42', '43', '44'],
    colours: ['Navy', 'Rust'],
    price: 119,
    description: 'Grippy lugs and a cushioned midsole for long days off the road.',
  },
];

/** A product photo made here, no download: the colour, a lighter band and the product's name. */
async function demoPhoto(name: string, fill: string): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="1600">
    <rect width="1600" height="1600" fill="${fill}"/>
    <rect y="1150" width="1600" height="450" fill="#ffffff" fill-opacity="0.18"/>
    <circle cx="800" cy="640" r="380" fill="#ffffff" fill-opacity="0.12"/>
    <text x="800" y="1400" font-family="sans-serif" font-size="96" fill="#ffffff" text-anchor="middle">${name}</text>
  </svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toBuffer();
}

/**
 * Adds the demo's multi-variant products (sizes × colours, each with its own SKU, price and stock), each with a
 * generated photo per colour. Idempotent by slug. The photos' thumbnails are made by the worker, like uploads'.
 */
export async function seedDemoVariants(
  deps: Pick<Deps, 'db' | 'media' | 'logger'>,
  now: number,
): Promise<{ products: number; images: number }> {
  const { db, media } = deps;
  let products = 0;
  let images = 0;
  for (const [index, style] of STYLES.entries()) {
    const slug = slugify(style.name, 'product');
    const exists = await db.selectFrom('products').select('id').where('slug', '=', slug).executeTakeFirst();
    const category = await db
      .selectFrom('categories')
      .select('id')
      .where('slug', '=', slugify(style.category, 'category'))
      .executeTakeFirst();
    if (exists || !category) continue;
    const options: ProductOption[] = [
      { name: 'Size', values: style.sizes },
      { name: 'Colour', values: style.colours },
    ];
    const code = style.name
      .split(' ')
      .map((word) => word[0])
      .join('');
    const variants: VariantInput[] = style.sizes.flatMap((size, s) =>
      style.colours.map((colour, c) => ({
        sku: `${code}-${size}-${colour}`.toUpperCase(),
        options: { Size: size, Colour: colour },
        price: `${style.price + (s >= 3 ? 5 : 0)}.00`,
        stock: (s * 7 + c * 5 + index) % 13 === 0 ? 0 : ((s * 11 + c * 17 + index * 3) % 40) + 1,
      })),
    );
    const photos = await Promise.all(
      style.colours.map(async (colour) => ({ colour, bytes: await demoPhoto(style.name, COLOURS[colour]!) })),
    );
    const product = await withTransaction(db, (trx) =>
      insertProduct(
        trx,
        media.baseUrl,
        {
          name: style.name,
          slug,
          description: style.description,
          price: variants[0]!.price,
          stock: 0,
          category_id: category.id,
        },
        { options, variants },
      ),
    );
    await db
      .updateTable('products')
      .set({ created_at: new Date(now - index * 3_600_000).toISOString() })
      .where('id', '=', product.id)
      .execute();
    for (const photo of photos) {
      await addProductImage(deps, product.id, photo.bytes, `${style.name} in ${photo.colour}`);
      images += 1;
    }
    products += 1;
  }
  return { products, images };
}

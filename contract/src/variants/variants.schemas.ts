import { z } from 'zod';
import { extendApi } from '../common/openapi-meta.js';
import { MoneySchema, PriceInputSchema } from '../common/money.js';

/** At most this many options per product (Size, Colour, Material) and values per option. */
export const MAX_OPTIONS = 3;
export const MAX_OPTION_VALUES = 50;
/** At most this many variants per product. */
export const MAX_VARIANTS = 100;

const OptionTextSchema = z.string().trim().min(1).max(50);

/** A SKU: unique across the store, case-insensitively. */
export const SkuSchema = extendApi(
  z
    .string()
    .trim()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'must be letters, digits, ".", "_" or "-", starting with a letter or digit'),
  { description: 'Unique across the store, case-insensitively; generated when absent', example: 'TEE-M-BLUE' },
);

/** One option of a product and the values its variants may take. */
export const ProductOptionSchema = extendApi(
  z.object({
    name: OptionTextSchema,
    values: z.array(OptionTextSchema).min(1).max(MAX_OPTION_VALUES),
  }),
  { title: 'ProductOption', example: { name: 'Size', values: ['S', 'M', 'L'] } },
);
export type ProductOption = z.infer<typeof ProductOptionSchema>;

/** A variant's option values, by option name: `{ "Size": "M", "Colour": "Blue" }`. */
export const VariantOptionsSchema = z.record(OptionTextSchema, OptionTextSchema);

const variantExample = {
  id: '8e7d6c5b-4a3f-4e2d-9c1b-0a9f8e7d6c5b',
  sku: 'TEE-M-BLUE',
  title: 'M / Blue',
  options: { Size: 'M', Colour: 'Blue' },
  price: '19.00',
  stock: 12,
  position: 1,
};

/** What a cart or order line is of: a sellable combination of a product's options, with its price and stock. */
export const VariantSchema = extendApi(
  z.object({
    id: z.string().uuid(),
    sku: z.string(),
    title: z.string().describe('Its option values in option order ("M / Blue"); empty for a product without options'),
    options: z.record(z.string()),
    price: MoneySchema,
    stock: z.number().int().min(0),
    position: z.number().int().min(0),
  }),
  { title: 'Variant', example: variantExample },
);
export type Variant = z.infer<typeof VariantSchema>;

const variantFields = {
  sku: SkuSchema,
  options: VariantOptionsSchema,
  price: PriceInputSchema,
  stock: z.number().int().min(0).max(2_147_483_647),
};

/** One variant of `POST`/`PUT /products` with `variants`. */
export const VariantInputSchema = z
  .object({
    sku: variantFields.sku.optional(),
    options: variantFields.options,
    price: variantFields.price,
    stock: variantFields.stock.optional(),
  })
  .strict();
export type VariantInput = z.infer<typeof VariantInputSchema>;

/**
 * `POST /products/{id}/variants`. `options` names every option of the product exactly once; a value the option
 * does not list yet is added to it (a new size).
 */
export const CreateVariantBodySchema = extendApi(VariantInputSchema, {
  example: { sku: 'TEE-XL-BLUE', options: { Size: 'XL', Colour: 'Blue' }, price: '21.00', stock: 5 },
});
export type CreateVariantBody = z.infer<typeof CreateVariantBodySchema>;

/** `PATCH /products/{id}/variants/{variant_id}`: only the fields given change. */
export const UpdateVariantBodySchema = extendApi(
  z
    .object({ ...variantFields, position: z.number().int().min(0).max(MAX_VARIANTS) })
    .partial()
    .strict(),
  { example: { price: '17.50', stock: 30 } },
);
export type UpdateVariantBody = z.infer<typeof UpdateVariantBodySchema>;

export const VariantParamsSchema = z.object({ id: z.string().uuid(), variant_id: z.string().uuid() });

const sameText = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** A stable key for a combination of option values, whatever order its keys came in. */
export const combinationKey = (options: Record<string, string>, optionNames: string[]) =>
  JSON.stringify(optionNames.map((name) => options[name]));

/**
 * Checks options and variants given together (`POST`/`PUT /products`): option names unique, values unique per
 * option; each variant names every option exactly once with one of its values; no two variants share a
 * combination or (case-insensitively) a SKU. Issues name the offending path.
 */
export function checkOptionsAndVariants(
  body: { options?: ProductOption[]; variants?: VariantInput[] },
  ctx: z.RefinementCtx,
): void {
  const options = body.options ?? [];
  options.forEach((option, index) => {
    if (options.findIndex((other) => sameText(other.name, option.name)) !== index) {
      ctx.addIssue({ code: 'custom', path: ['options', index, 'name'], message: 'is given twice' });
    }
    option.values.forEach((value, at) => {
      if (option.values.findIndex((other) => sameText(other, value)) !== at) {
        ctx.addIssue({ code: 'custom', path: ['options', index, 'values', at], message: 'is given twice' });
      }
    });
  });
  if (!body.variants) {
    if (options.length) ctx.addIssue({ code: 'custom', path: ['variants'], message: 'is required with options' });
    return;
  }
  const names = options.map((option) => option.name);
  const combinations = new Map<string, number>();
  const skus = new Map<string, number>();
  body.variants.forEach((variant, index) => {
    const given = Object.keys(variant.options);
    const unknown = given.filter((name) => !names.includes(name));
    const missing = names.filter((name) => !given.includes(name));
    if (unknown.length || missing.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['variants', index, 'options'],
        message: [
          missing.length ? `must name ${missing.map((name) => `"${name}"`).join(', ')}` : '',
          unknown.length ? `names no option ${unknown.map((name) => `"${name}"`).join(', ')}` : '',
        ]
          .filter(Boolean)
          .join('; '),
      });
      return;
    }
    for (const option of options) {
      if (!option.values.includes(variant.options[option.name]!)) {
        ctx.addIssue({
          code: 'custom',
          path: ['variants', index, 'options', option.name],
          message: `must be one of ${option.values.map((value) => `"${value}"`).join(', ')}`,
        });
      }
    }
    // The first variant with a combination (or SKU) keeps it; a later one is named as its repeat.
    const repeat = (seen: Map<string, number>, key: string, field: 'options' | 'sku', what: string) => {
      const first = seen.get(key);
      if (first === undefined) seen.set(key, index);
      else
        ctx.addIssue({
          code: 'custom',
          path: ['variants', index, field],
          message: `is the same ${what} as variants.${first}`,
        });
    };
    repeat(combinations, combinationKey(variant.options, names), 'options', 'combination');
    if (variant.sku !== undefined) repeat(skus, variant.sku.toLowerCase(), 'sku', 'SKU');
  });
}

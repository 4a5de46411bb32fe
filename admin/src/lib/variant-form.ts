import { z } from 'zod';
import {
  CreateProductBodySchema,
  checkOptionsAndVariants,
  type CreateProductBody,
  type Product,
} from '@nexus/contract';
import { formPathOf } from './variant-form-paths';

/** One option as the form holds it: its name and its values (entered as chips). */
export interface OptionDraft {
  name: string;
  values: string[];
}

/** One variant row. `combination[i]` is its value of option i; `variantId` ties it to a saved variant, if any. */
export interface VariantDraft {
  variantId: string | null;
  combination: string[];
  sku: string;
  price: string;
  stock: string;
}

/** The product form's state: text as typed; the API bodies are made from it by the functions below. */
export interface ProductFormValues {
  name: string;
  slug: string;
  category_id: string;
  description: string;
  /** Price, stock and SKU of a product without options (its only variant). */
  price: string;
  stock: string;
  sku: string;
  options: OptionDraft[];
  variants: VariantDraft[];
}

/** A new product's form: nothing filled in, no stock, no options. */
export const emptyProductForm = (): ProductFormValues => ({
  name: '',
  slug: '',
  category_id: '',
  description: '',
  price: '',
  stock: '0',
  sku: '',
  options: [],
  variants: [],
});

/** A variant's title as the API writes it ("M / Blue"). */
export const combinationLabel = (combination: string[]): string => combination.join(' / ');

const textOrUndefined = (text: string) => (text.trim() === '' ? undefined : text.trim());
// An empty stock box means "none given" (the API's default, 0); anything else goes to the schema as a number.
const stockOrUndefined = (text: string) => (text.trim() === '' ? undefined : Number(text.trim()));

/** A row's option values by option name, as the API takes them; a value not chosen yet is left out (the API names it). */
export function rowOptions(options: OptionDraft[], combination: string[]): Record<string, string> {
  const named: Record<string, string> = {};
  options.forEach((option, index) => {
    const value = combination[index];
    if (value) named[option.name.trim()] = value;
  });
  return named;
}

/** What the form sends to the schema: the body's shape, but with anything possibly missing (the schema says so). */
export interface BodyDraft {
  name: string;
  category_id: string | undefined;
  description: string;
  slug: string | undefined;
  price?: string | undefined;
  stock?: number | undefined;
  sku?: string | undefined;
  options?: OptionDraft[];
  variants?: Array<{
    options: Record<string, string>;
    price: string;
    stock: number | undefined;
    sku: string | undefined;
  }>;
}

/** The `POST /products` body the form stands for, before validation: a simple product, or options and variants. */
export function formToBodyInput(values: ProductFormValues): BodyDraft {
  const common = {
    name: values.name,
    category_id: textOrUndefined(values.category_id),
    description: values.description,
    slug: textOrUndefined(values.slug),
  };
  if (values.options.length === 0) {
    return {
      ...common,
      price: textOrUndefined(values.price),
      stock: stockOrUndefined(values.stock),
      sku: textOrUndefined(values.sku),
    };
  }
  return {
    ...common,
    options: values.options.map((option) => ({ name: option.name, values: option.values })),
    variants: values.variants.map((row) => ({
      options: rowOptions(values.options, row.combination),
      price: row.price.trim(),
      stock: stockOrUndefined(row.stock),
      sku: textOrUndefined(row.sku),
    })),
  };
}

/** Zod's wording where a person would say it otherwise. */
function messageOf(issue: z.ZodIssue): string {
  if (issue.code === 'invalid_type' && issue.received === 'undefined') return 'Required';
  if (issue.code === 'too_small' && issue.minimum === 1)
    return issue.type === 'array' ? 'Add at least one' : 'Required';
  return issue.message;
}

export type FormErrors = Record<string, string>;

/**
 * The schema's cross-field rules on their own: Zod runs a refinement only once the object itself is valid, so
 * without this a duplicate SKU would only show after the name had been filled in.
 */
const CrossFieldRules = z.custom<BodyDraft>().superRefine((draft, ctx) => {
  checkOptionsAndVariants(draft, ctx);
  if (!draft.variants && draft.price === undefined)
    ctx.addIssue({ code: 'custom', path: ['price'], message: 'Required' });
});

/** Checks the form with the contract's own schema (CreateProductBodySchema), errors keyed by form path. */
export function validateProductForm(
  values: ProductFormValues,
): { ok: true; body: CreateProductBody } | { ok: false; errors: FormErrors } {
  const draft = formToBodyInput(values);
  const result = CreateProductBodySchema.safeParse(draft);
  if (result.success) return { ok: true, body: result.data };
  const crossField = CrossFieldRules.safeParse(draft);
  const issues = [...result.error.issues, ...(crossField.success ? [] : crossField.error.issues)];
  const errors: FormErrors = {};
  for (const issue of issues) {
    const path = formPathOf(issue.path.join('.'), values);
    errors[path] ??= messageOf(issue);
  }
  return { ok: false, errors };
}

/** The form showing a saved product: a simple one as price/stock/SKU, else its options and one row per variant. */
export function productToForm(product: Product): ProductFormValues {
  const common = {
    name: product.name,
    slug: product.slug,
    category_id: product.category_id,
    description: product.description,
  };
  if (product.options.length === 0) {
    const only = product.variants[0];
    const stock = String(only?.stock ?? product.stock);
    return { ...common, price: only?.price ?? product.price, stock, sku: only?.sku ?? '', options: [], variants: [] };
  }
  return {
    ...common,
    price: '',
    stock: '0',
    sku: '',
    options: product.options.map((option) => ({ name: option.name, values: [...option.values] })),
    variants: product.variants.map((variant) => ({
      variantId: variant.id,
      combination: product.options.map((option) => variant.options[option.name] ?? ''),
      sku: variant.sku,
      price: variant.price,
      stock: String(variant.stock),
    })),
  };
}

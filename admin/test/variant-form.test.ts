import { describe, expect, it } from 'vitest';
import { MAX_VARIANTS } from '@nexus/contract';
import { emptyProductForm, formToBodyInput, productToForm, validateProductForm } from '../src/lib/variant-form';
import { generateVariants, withoutOption } from '../src/lib/variant-combinations';
import { formFieldNames, formPathOf } from '../src/lib/variant-form-paths';
import { categoryId, ids, lamp, row, simpleForm, tee, teeForm } from './product-fixtures';

describe('form → body', () => {
  it('sends a product without options as its price, stock and SKU, blanks left for the API to fill', () => {
    expect(formToBodyInput(simpleForm({ slug: ' ' }))).toEqual({
      name: 'Desk lamp',
      category_id: categoryId,
      description: 'Warm light',
      price: '12.5',
      stock: 3,
      sku: 'LAMP-1',
    });
    const checked = validateProductForm(simpleForm({ stock: '' }));
    expect(checked.ok && checked.body).toMatchObject({ price: '12.50', stock: undefined });
  });

  it('sends options and one variant per row, its values named by option', () => {
    const form = teeForm({ options: [...teeForm().options, { name: 'Colour', values: ['Blue'] }] });
    form.variants = [row(['S', 'Blue'], { sku: 'TEE-S' }), row(['M', ''])];
    expect(formToBodyInput(form).variants).toEqual([
      { options: { Size: 'S', Colour: 'Blue' }, price: '19', stock: undefined, sku: 'TEE-S' },
      { options: { Size: 'M' }, price: '19', stock: undefined, sku: undefined },
    ]);
    expect(formToBodyInput(form).options).toEqual(form.options);
  });
});

describe('validation with the contract schema, errors where the form shows them', () => {
  it('names the missing fields', () => {
    const checked = validateProductForm({ ...emptyProductForm(), price: '' });
    expect(checked.ok || checked.errors).toMatchObject({
      name: 'Required',
      category_id: 'Required',
      price: 'Required',
    });
  });

  it('checks options and variants even while other fields are missing', () => {
    const form = teeForm({ name: '', variants: [row(['S'], { sku: 'A' }), row(['M'], { sku: 'a' })] });
    const checked = validateProductForm(form);
    expect(checked.ok || checked.errors).toMatchObject({
      name: 'Required',
      'variants.1.sku': 'is the same SKU as variants.0',
    });
    const noValues = validateProductForm(teeForm({ options: [{ name: 'Size', values: [] }] }));
    expect(noValues.ok || noValues.errors).toMatchObject({ 'options.0.values': 'Add at least one' });
  });

  it('puts variant and option issues on their row and option', () => {
    const form = teeForm();
    form.options = [{ name: 'Size', values: ['S', 'M', 's'] }];
    form.variants = [row(['S'], { sku: 'X-1' }), row(['XL'], { sku: 'x-1' })];
    const checked = validateProductForm(form);
    expect(checked.ok || checked.errors).toMatchObject({
      'options.0.values': 'is given twice',
      'variants.1.sku': 'is the same SKU as variants.0',
      'variants.1.combination': 'must be one of "S", "M", "s"',
    });
  });

  it('maps server paths to the form, the one variant of a simple product to its top-level fields', () => {
    expect(formPathOf('variants.1.sku', teeForm())).toBe('variants.1.sku');
    expect(formPathOf('variants.2.options.Size', teeForm())).toBe('variants.2.combination');
    expect(formPathOf('variants', teeForm())).toBe('variants.root');
    expect(formPathOf('variants.1', teeForm())).toBe('variants.1.combination');
    expect(formPathOf('options.1', teeForm())).toBe('options.1.name');
    expect(formPathOf('options.0.values.3', teeForm())).toBe('options.0.values');
    expect(formPathOf('variants.0.price', simpleForm())).toBe('price');
    expect(formPathOf('slug', simpleForm())).toBe('slug');
    expect(formFieldNames(teeForm())).toContain('variants.1.combination');
    expect(formFieldNames(simpleForm())).toContain('sku');
  });
});

describe('product → form', () => {
  it('shows a product without options as price, stock and SKU', () => {
    expect(productToForm(lamp)).toMatchObject({ price: '12.50', stock: '3', sku: 'LAMP-1', options: [], variants: [] });
  });

  it('shows each variant as a row, its values in option order', () => {
    const product = { ...tee, options: [...tee.options, { name: 'Colour', values: ['Blue'] }] };
    product.variants = [{ ...tee.variants[0]!, options: { Colour: 'Blue', Size: 'S' } }];
    expect(productToForm(product).variants).toEqual([
      { variantId: ids[0], combination: ['S', 'Blue'], sku: 'TEE-S', price: '19.00', stock: '4' },
    ]);
  });
});

describe('combinations', () => {
  it('adds every missing combination, keeping the rows there are', () => {
    const form = teeForm({ options: [...teeForm().options, { name: 'Colour', values: ['Red', 'Blue'] }] });
    form.variants = [row(['M', 'Blue'], { variantId: ids[0]!, sku: 'KEEP', price: '25' })];
    const { variants, notAdded } = generateVariants(form);
    expect(variants.map((draft) => draft.combination.join('/'))).toEqual(['M/Blue', 'S/Red', 'S/Blue', 'M/Red']);
    expect(variants[0]).toMatchObject({ variantId: ids[0], sku: 'KEEP' });
    expect(variants[1]).toMatchObject({ variantId: null, sku: '', price: '25', stock: '0' });
    expect(notAdded).toBe(0);
  });

  it('gives rows made before a new option its first value', () => {
    const form = teeForm({ options: [...teeForm().options, { name: 'Colour', values: ['Red', 'Blue'] }] });
    form.variants = [row(['S'], { sku: 'TEE-S' })];
    expect(generateVariants(form).variants[0]).toMatchObject({ combination: ['S', 'Red'], sku: 'TEE-S' });
  });

  it('stops at MAX_VARIANTS and says how many did not fit', () => {
    const values = Array.from({ length: 11 }, (_, index) => `v${index}`);
    const form = teeForm({
      options: [
        { name: 'A', values },
        { name: 'B', values },
      ],
      variants: [],
    });
    const { variants, notAdded } = generateVariants(form);
    expect(variants).toHaveLength(MAX_VARIANTS);
    expect(notAdded).toBe(121 - MAX_VARIANTS);
  });

  it('takes the simple product’s price for the first rows', () => {
    const form = simpleForm({ options: [{ name: 'Size', values: ['S'] }] });
    expect(generateVariants(form).variants[0]?.price).toBe('12.5');
  });

  it('removing an option merges the rows it told apart, and the last one makes a simple product', () => {
    const form = teeForm({ options: [...teeForm().options, { name: 'Colour', values: ['Red', 'Blue'] }] });
    form.variants = [row(['S', 'Red'], { sku: 'A' }), row(['S', 'Blue'], { sku: 'B' })];
    expect(withoutOption(form, 1).variants).toEqual([row(['S'], { sku: 'A' })]);
    const simple = withoutOption(teeForm({ variants: [row(['S'], { price: '30', stock: '2', sku: 'TEE-S' })] }), 0);
    expect(simple).toMatchObject({ options: [], variants: [], price: '30', stock: '2', sku: 'TEE-S' });
  });
});

import { describe, expect, it } from 'vitest';
import { productToForm } from '../src/lib/variant-form';
import { withoutOption } from '../src/lib/variant-combinations';
import { planProductSave, stepFieldPath, variantsDroppedBy, withFreshStock } from '../src/lib/variant-save-plan';
import { ids, lamp, row, tee, teeForm, variant } from './product-fixtures';

describe('saving an edit', () => {
  it('makes no call when nothing changed', () => {
    expect(planProductSave(tee, productToForm(tee))).toEqual([]);
    expect(planProductSave(lamp, productToForm(lamp))).toEqual([]);
  });

  it('patches only the product fields that changed, price and stock of a simple product included', () => {
    expect(planProductSave(tee, { ...productToForm(tee), name: 'Tee 2' })).toEqual([
      { kind: 'update', body: { name: 'Tee 2' } },
    ]);
    const form = { ...productToForm(lamp), price: '15', slug: '', description: '' };
    expect(planProductSave(lamp, form)).toEqual([{ kind: 'update', body: { price: '15.00', description: '' } }]);
  });

  it('patches a changed variant, adds new rows, then deletes removed ones; untouched stock is not written', () => {
    const original = {
      ...tee,
      options: [{ name: 'Size', values: ['S', 'M', 'L'] }],
      variants: [tee.variants[0]!, variant(ids[1]!, 'L', 'TEE-L', '9.00', 1)],
    };
    const form = productToForm(original);
    form.variants = [{ ...form.variants[0]!, price: '18.5' }, row(['M'], { sku: 'TEE-M2' })];
    expect(planProductSave(original, form)).toEqual([
      { kind: 'updateVariant', row: 0, variantId: ids[0], body: { price: '18.50' } },
      { kind: 'createVariant', row: 1, body: { options: { Size: 'M' }, price: '19.00', sku: 'TEE-M2' } },
      { kind: 'deleteVariant', variantId: ids[1], title: 'L' },
    ]);
  });

  it('takes a row without id for the saved variant of its combination', () => {
    const form = productToForm(tee);
    form.variants = form.variants.map((draft) => ({ ...draft, variantId: null }));
    form.variants[1]!.stock = '7';
    expect(planProductSave(tee, form)).toEqual([
      { kind: 'updateVariant', row: 1, variantId: ids[1], body: { stock: 7 } },
    ]);
  });

  it('replaces the whole product in one PUT when the options change', () => {
    const form = productToForm(tee);
    form.options = [{ name: 'Size', values: ['S', 'M', 'L'] }];
    const steps = planProductSave(tee, form);
    expect(steps).toHaveLength(1);
    expect(steps[0]).toMatchObject({ kind: 'replace', body: { options: form.options } });
    expect(steps[0]?.kind === 'replace' && steps[0].body.variants?.[1]).toEqual({
      options: { Size: 'M' },
      price: '21.00',
      stock: 5,
      sku: 'TEE-M',
    });
  });

  it('replaces the variants with one plain variant when the last option goes', () => {
    const form = withoutOption(productToForm(tee), 0);
    const [step] = planProductSave(tee, form);
    expect(step).toMatchObject({ kind: 'replace', body: { options: [], variants: [{ options: {}, price: '19.00' }] } });
    expect(step?.kind === 'replace' && step.body.price).toBe(undefined);
  });

  it('places a variant call’s errors on its row', () => {
    const create = { kind: 'createVariant', row: 2, body: { options: {}, price: '1.00' } } as const;
    expect(stepFieldPath(create, 'sku', teeForm())).toBe('variants.2.sku');
    expect(stepFieldPath(create, 'options.Size', teeForm())).toBe('variants.2.combination');
    expect(stepFieldPath({ kind: 'update', body: {} }, 'slug', teeForm())).toBe('slug');
  });

  it('names the variants a save deletes, by DELETE or by a PUT without their combination', () => {
    const form = productToForm(tee);
    form.variants = [form.variants[0]!];
    expect(variantsDroppedBy(tee, planProductSave(tee, form))).toEqual(['M']);
    form.options = [{ name: 'Size', values: ['S', 'L'] }];
    form.variants.push(row(['L']));
    expect(variantsDroppedBy(tee, planProductSave(tee, form))).toEqual(['M']);
    expect(variantsDroppedBy(tee, planProductSave(tee, productToForm(tee)))).toEqual([]);
  });
});

describe('stock nobody touched', () => {
  it('is what the server has now, so orders placed while the page was open keep their effect', () => {
    const latest = { ...tee, variants: tee.variants.map((saved) => ({ ...saved, stock: saved.stock - 1 })) };
    const form = productToForm(tee);
    form.variants[1]!.stock = '50'; // typed by the admin
    form.options[0]!.values.push('L'); // options changed: one PUT carrying every variant's stock
    const fresh = withFreshStock(form, tee, latest);
    expect(fresh.variants.map((draft) => draft.stock)).toEqual(['3', '50']);
    const [step] = planProductSave(latest, fresh);
    expect(step?.kind === 'replace' && step.body.variants?.map((input) => input.stock)).toEqual([3, 50]);
  });

  it('is left alone on a simple product, and nothing is written for it', () => {
    const latest = { ...lamp, variants: lamp.variants.map((saved) => ({ ...saved, stock: saved.stock - 2 })) };
    const fresh = withFreshStock(productToForm(lamp), lamp, latest);
    expect(planProductSave(latest, fresh)).toEqual([]);
  });
});

import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link, useNavigate } from 'react-router';
import type { Product } from '@nexus/client-sdk';
import { formatDateTime } from '../../lib/format';
import { problemMessage } from '../../lib/problems';
import { productToForm, type ProductFormValues } from '../../lib/variant-form';
import { planProductSave, stepFieldPath, variantsDroppedBy, withFreshStock } from '../../lib/variant-save-plan';
import { useConfirm } from '../../ui/confirm';
import { ErrorAlert } from '../../ui/feedback';
import { PageHeader } from '../../ui/page';
import { useToast } from '../../ui/toast';
import { ImagesPanel } from './images-panel';
import { ProductForm } from './product-form';
import { productFormResolver } from './product-form-resolver';
import { showProductProblem } from './product-problems';
import { SaveStepError, useDeleteProduct, useLatestProduct, useSaveProduct } from './products.queries';

const plural = (count: number, one: string) => `${count} ${one}${count === 1 ? '' : 's'}`;

/** The edit screen of a loaded product: the form, saved as the fewest calls that do it, and its images. */
export function ProductEditor({ product }: { product: Product }) {
  // The product as the form was loaded from it: edits are diffed against this, never against a refetch (which
  // would make a stock sold meanwhile look like an edit, and write the old figure back).
  // `loaded` is what the form was filled from (to tell a typed stock from an untouched one); `baseline` what the
  // server had after the last save, successful or partial.
  const [loaded, setLoaded] = useState(product);
  const [baseline, setBaseline] = useState(product);
  const [summary, setSummary] = useState<string | null>(null);
  const form = useForm<ProductFormValues>({ defaultValues: productToForm(product), resolver: productFormResolver });
  const save = useSaveProduct(product.id);
  const readLatest = useLatestProduct(product.id);
  const remove = useDeleteProduct(product.id);
  const confirm = useConfirm();
  const notify = useToast();
  const navigate = useNavigate();

  const submit = async (values: ProductFormValues) => {
    setSummary(null);
    let latest = baseline;
    try {
      latest = await readLatest();
    } catch (error) {
      setSummary(problemMessage(error));
      return;
    }
    setBaseline(latest);
    values = withFreshStock(values, loaded, latest);
    const steps = planProductSave(latest, values);
    if (steps.length === 0) {
      notify('Nothing to save: nothing was changed.');
      return;
    }
    const dropped = variantsDroppedBy(latest, steps);
    if (
      dropped.length &&
      !(await confirm({
        title: `Delete ${plural(dropped.length, 'variant')}?`,
        body: `Saving deletes ${dropped.join(', ')}. Carts holding ${dropped.length === 1 ? 'it lose it' : 'them lose them'}; orders keep their copy.`,
        confirmLabel: 'Save and delete',
        danger: true,
      }))
    )
      return;
    try {
      const saved = await save.mutateAsync(steps);
      setBaseline(saved);
      setLoaded(saved);
      form.reset(productToForm(saved));
      notify(`${saved.name} saved.`);
    } catch (error) {
      if (!(error instanceof SaveStepError)) {
        setSummary(problemMessage(error));
        return;
      }
      // What was saved before the failure is the new baseline; the form keeps every edit for another try.
      if (error.latest) setBaseline(error.latest);
      const unplaced = showProductProblem(error.failure, form, values, (path) =>
        stepFieldPath(error.step, path, values),
      );
      const partly = error.index > 0 ? 'Part of the changes were saved; the rest were not. ' : '';
      setSummary(partly || unplaced ? `${partly}${unplaced ?? 'See the fields marked below.'}` : null);
    }
  };

  const deleteProduct = async () => {
    const confirmed = await confirm({
      title: `Delete ${product.name}?`,
      body: `It goes with its ${plural(product.variants.length, 'variant')} and ${plural(product.images.length, 'image')}. Carts holding it lose it; orders keep their copy. This cannot be undone.`,
      confirmLabel: 'Delete product',
      danger: true,
    });
    if (!confirmed) return;
    remove.mutate(undefined, {
      onSuccess: () => {
        notify(`${product.name} deleted.`);
        navigate('/products', { replace: true });
      },
    });
  };

  return (
    <>
      <PageHeader
        title={product.name}
        lead={
          <>
            <Link to="/products">All products</Link> · {product.category.name} · updated{' '}
            {formatDateTime(product.updated_at)}
          </>
        }
        actions={
          <button type="button" className="btn danger" onClick={() => void deleteProduct()} disabled={remove.isPending}>
            {remove.isPending ? 'Deleting…' : 'Delete product'}
          </button>
        }
      />
      <div className="stack">
        <ErrorAlert error={remove.error} />
        <ProductForm form={form} onSubmit={submit} summary={summary} submitLabel="Save changes" cancelTo="/products" />
        <ImagesPanel product={product} />
      </div>
    </>
  );
}

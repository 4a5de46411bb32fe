import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useNavigate } from 'react-router';
import { emptyProductForm, validateProductForm, type ProductFormValues } from '../../lib/variant-form';
import { PageHeader } from '../../ui/page';
import { useToast } from '../../ui/toast';
import { ProductForm } from './product-form';
import { productFormResolver } from './product-form-resolver';
import { showProductProblem } from './product-problems';
import { useCreateProduct } from './products.queries';
import './products.css';

/** Creates a product, simple or with variants; images are added on the edit screen it then opens. */
export function ProductNewScreen() {
  const navigate = useNavigate();
  const notify = useToast();
  const create = useCreateProduct();
  const [summary, setSummary] = useState<string | null>(null);
  const form = useForm<ProductFormValues>({ defaultValues: emptyProductForm(), resolver: productFormResolver });

  const submit = async (values: ProductFormValues) => {
    setSummary(null);
    const checked = validateProductForm(values);
    if (!checked.ok) return;
    try {
      const product = await create.mutateAsync(checked.body);
      notify(`${product.name} created. Add its images below.`);
      navigate(`/products/${product.id}`, { replace: true });
    } catch (error) {
      setSummary(showProductProblem(error, form, values));
    }
  };

  return (
    <>
      <PageHeader title="New product" lead="It goes on sale as soon as it is saved." />
      <ProductForm form={form} onSubmit={submit} summary={summary} submitLabel="Create product" cancelTo="/products" />
    </>
  );
}

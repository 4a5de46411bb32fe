// Products and forms the variant-form tests start from: a T-shirt by size, and a lamp without options.
import type { Product } from '@nexus/contract';
import { emptyProductForm, type ProductFormValues, type VariantDraft } from '../src/lib/variant-form';

export const categoryId = '5f0c3a2e-1b7d-4c8e-9a6f-2d3e4f5a6b7c';
export const ids = ['8e7d6c5b-4a3f-4e2d-9c1b-0a9f8e7d6c51', '8e7d6c5b-4a3f-4e2d-9c1b-0a9f8e7d6c52'];

export const simpleForm = (patch: Partial<ProductFormValues> = {}): ProductFormValues => ({
  ...emptyProductForm(),
  name: 'Desk lamp',
  category_id: categoryId,
  description: 'Warm light',
  price: '12.5',
  stock: '3',
  sku: 'LAMP-1',
  ...patch,
});

export const row = (combination: string[], patch: Partial<VariantDraft> = {}): VariantDraft => ({
  variantId: null,
  combination,
  sku: '',
  price: '19',
  stock: '',
  ...patch,
});

export const teeForm = (patch: Partial<ProductFormValues> = {}): ProductFormValues => ({
  ...emptyProductForm(),
  name: 'Tee',
  category_id: categoryId,
  options: [{ name: 'Size', values: ['S', 'M'] }],
  variants: [row(['S'], { sku: 'TEE-S', stock: '4' }), row(['M'])],
  ...patch,
});

export const variant = (id: string, size: string, sku: string, price: string, stock: number) => ({
  id,
  sku,
  title: size,
  options: { Size: size },
  price,
  stock,
  position: 0,
});

export const tee: Product = {
  id: '3c9a1f0e-7b2d-4e8f-a1b2-c3d4e5f60718',
  name: 'Tee',
  slug: 'tee',
  description: '',
  price: '19.00',
  stock: 9,
  category_id: categoryId,
  category: { id: categoryId, name: 'Shirts', slug: 'shirts' },
  rating_avg: null,
  review_count: 0,
  options: [{ name: 'Size', values: ['S', 'M'] }],
  variants: [variant(ids[0]!, 'S', 'TEE-S', '19.00', 4), variant(ids[1]!, 'M', 'TEE-M', '21.00', 5)],
  images: [],
  created_at: '2026-11-22T09:00:00.000Z',
  updated_at: '2026-11-22T09:00:00.000Z',
};

export const lamp: Product = {
  ...tee,
  name: 'Desk lamp',
  slug: 'desk-lamp',
  description: 'Warm light',
  options: [],
  variants: [{ ...variant(ids[0]!, '', 'LAMP-1', '12.50', 3), title: '', options: {} }],
};

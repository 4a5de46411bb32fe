import { z } from 'zod';
import {
  CreateCategoryBodySchema,
  UpdateCategoryBodySchema,
  type Category,
  type CreateCategoryBody,
  type UpdateCategoryBody,
} from '@nexus/contract';

/** What the category form holds: every control a string, '' for "none" (no slug given, a root). */
export interface CategoryFormValues {
  name: string;
  slug: string;
  description: string;
  parent_id: string;
}

export const categoryFormFields = ['name', 'slug', 'description', 'parent_id'] as const;

const FormValuesSchema = z.object({
  name: z.string(),
  slug: z.string(),
  description: z.string(),
  parent_id: z.string(),
});

export const emptyCategoryForm = (parentId = ''): CategoryFormValues => ({
  name: '',
  slug: '',
  description: '',
  parent_id: parentId,
});

export const categoryFormOf = (category: Category): CategoryFormValues => ({
  name: category.name,
  slug: category.slug,
  description: category.description,
  parent_id: category.parent_id ?? '',
});

function toCreateBody(values: CategoryFormValues): CreateCategoryBody {
  const slug = values.slug.trim();
  return {
    name: values.name,
    ...(slug ? { slug } : {}),
    ...(values.description ? { description: values.description } : {}),
    parent_id: values.parent_id || null,
  };
}

/** Only what changed: a PATCH leaves the rest as it is. An emptied slug keeps the current one. */
function toUpdateBody(values: CategoryFormValues, current: Category): UpdateCategoryBody {
  const body: UpdateCategoryBody = {};
  if (values.name.trim() !== current.name) body.name = values.name;
  const slug = values.slug.trim();
  if (slug && slug !== current.slug) body.slug = slug;
  if (values.description !== current.description) body.description = values.description;
  const parentId = values.parent_id || null;
  if (parentId !== current.parent_id) body.parent_id = parentId;
  return body;
}

/** The form, checked by the contract's own `CreateCategoryBodySchema` (errors land on the same field names). */
export const createCategoryFormSchema = FormValuesSchema.transform(toCreateBody).pipe(CreateCategoryBodySchema);

/** The form of an existing category, checked by the contract's `UpdateCategoryBodySchema`. */
export const updateCategoryFormSchema = (current: Category) =>
  FormValuesSchema.transform((values) => toUpdateBody(values, current)).pipe(UpdateCategoryBodySchema);

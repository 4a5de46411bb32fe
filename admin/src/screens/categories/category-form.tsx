import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo, useState, type FormEventHandler, type ReactNode } from 'react';
import { useForm, type FieldErrors, type UseFormRegister } from 'react-hook-form';
import type { Category, CreateCategoryBody, UpdateCategoryBody } from '@nexus/client-sdk';
import { applyProblemToForm } from '../../lib/problems';
import { Field } from '../../ui/field';
import { FormDialog } from '../../ui/form-dialog';
import { useToast } from '../../ui/toast';
import { useCreateCategory, useUpdateCategory } from './categories.queries';
import {
  categoryFormFields,
  categoryFormOf,
  createCategoryFormSchema,
  emptyCategoryForm,
  updateCategoryFormSchema,
  type CategoryFormValues,
} from './category-form-schema';
import { flattenCategoryTree, type CategoryNode } from './category-tree';

interface CategoryFieldsProps {
  register: UseFormRegister<CategoryFormValues>;
  errors: FieldErrors<CategoryFormValues>;
  tree: CategoryNode[];
  /** The category edited: it cannot be its own parent, so it is left out of the choices. */
  editingId?: string;
  slugHint: string;
}

/** Name, slug, description and parent, each labelled and showing its own error. */
function CategoryFields({ register, errors, tree, editingId, slugHint }: CategoryFieldsProps) {
  const parents = flattenCategoryTree(tree).filter((node) => node.category.id !== editingId);
  return (
    <>
      <Field label="Name" error={errors.name?.message}>
        {(control) => <input {...control} autoComplete="off" {...register('name')} />}
      </Field>
      <Field label="Slug" hint={slugHint} error={errors.slug?.message}>
        {(control) => <input {...control} autoComplete="off" className="mono" {...register('slug')} />}
      </Field>
      <Field label="Description" error={errors.description?.message}>
        {(control) => <textarea {...control} {...register('description')} />}
      </Field>
      <Field label="Parent" error={errors.parent_id?.message}>
        {(control) => (
          <select {...control} {...register('parent_id')}>
            <option value="">None (top level)</option>
            {parents.map((node) => (
              <option key={node.category.id} value={node.category.id}>
                {'\u00a0\u00a0'.repeat(node.depth) + node.category.name}
              </option>
            ))}
          </select>
        )}
      </Field>
    </>
  );
}

interface FormShellProps {
  title: string;
  submitLabel: string;
  busy: boolean;
  failure: string | null;
  onSubmit: FormEventHandler<HTMLFormElement>;
  onCancel: () => void;
  children: ReactNode;
}

/** The form in a modal dialog, with its summary error and its Cancel / submit buttons. */
function FormShell({ title, submitLabel, busy, failure, onSubmit, onCancel, children }: FormShellProps) {
  return (
    <FormDialog title={title} onClose={onCancel}>
      <form className="stack" noValidate aria-label={title} onSubmit={onSubmit}>
        {failure ? (
          <div className="alert error" role="alert">
            {failure}
          </div>
        ) : null}
        {children}
        <div className="form-actions" style={{ marginTop: 0 }}>
          <button type="button" className="btn" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="btn primary" disabled={busy}>
            {busy ? 'Saving…' : submitLabel}
          </button>
        </div>
      </form>
    </FormDialog>
  );
}

/** Creates a category, under the parent chosen (preset when started from a row's "Add subcategory"). */
export function CreateCategoryForm(props: { tree: CategoryNode[]; parentId: string; onDone: () => void }) {
  const create = useCreateCategory();
  const notify = useToast();
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm<CategoryFormValues, unknown, CreateCategoryBody>({
    resolver: zodResolver(createCategoryFormSchema),
    defaultValues: emptyCategoryForm(props.parentId),
  });
  const submit = form.handleSubmit(async (body) => {
    setFailure(null);
    try {
      const category = await create.mutateAsync(body);
      notify(`Category “${category.name}” created`);
      props.onDone();
    } catch (error) {
      setFailure(applyProblemToForm(error, form.setError, categoryFormFields));
    }
  });
  return (
    <FormShell
      title="New category"
      submitLabel="Create category"
      busy={form.formState.isSubmitting}
      failure={failure}
      onSubmit={submit}
      onCancel={props.onDone}
    >
      <CategoryFields
        register={form.register}
        errors={form.formState.errors}
        tree={props.tree}
        slugHint="Optional: made from the name when left empty."
      />
    </FormShell>
  );
}

/** Renames, re-describes or moves a category; moving it moves its whole subtree. */
export function EditCategoryForm(props: { category: Category; tree: CategoryNode[]; onDone: () => void }) {
  const { category } = props;
  const update = useUpdateCategory(category.id);
  const notify = useToast();
  const [failure, setFailure] = useState<string | null>(null);
  const schema = useMemo(() => updateCategoryFormSchema(category), [category]);
  const form = useForm<CategoryFormValues, unknown, UpdateCategoryBody>({
    resolver: zodResolver(schema),
    defaultValues: categoryFormOf(category),
  });
  const submit = form.handleSubmit(async (body) => {
    setFailure(null);
    if (Object.keys(body).length === 0) return props.onDone();
    try {
      const saved = await update.mutateAsync(body);
      notify(`Category “${saved.name}” saved`);
      props.onDone();
    } catch (error) {
      setFailure(applyProblemToForm(error, form.setError, categoryFormFields));
    }
  });
  return (
    <FormShell
      title={`Edit “${category.name}”`}
      submitLabel="Save"
      busy={form.formState.isSubmitting}
      failure={failure}
      onSubmit={submit}
      onCancel={props.onDone}
    >
      <CategoryFields
        register={form.register}
        errors={form.formState.errors}
        tree={props.tree}
        editingId={category.id}
        slugHint="Lower-case letters, digits and dashes; it is part of the shop's URLs."
      />
    </FormShell>
  );
}

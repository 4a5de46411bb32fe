import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { CreateWebhookBodySchema, UpdateWebhookBodySchema } from '@nexus/contract';
import type { CreateWebhookBody, UpdateWebhookBody, Webhook } from '@nexus/client-sdk';
import { applyProblemToForm } from '../../lib/problems';
import { Field } from '../../ui/field';
import { FormDialog } from '../../ui/form-dialog';
import { useToast } from '../../ui/toast';
import { EventsPicker, eventsErrorOf } from './events-picker';
import { useCreateWebhook, useUpdateWebhook } from './webhooks.queries';

const fields = ['url', 'events', 'description', 'is_active'];
/** Problems name an event by its index (`events.3`): shown under the whole picker. */
const fieldFor = (path: string) => (path.startsWith('events') ? 'events' : path);
const urlHint = 'Where each event is POSTed, signed with the webhook’s secret. A 2xx answer within 10 s is success.';

function Failure({ message }: { message: string | null }) {
  return message ? (
    <div className="alert error" role="alert">
      {message}
    </div>
  ) : null;
}

/** Subscribes a URL to events, in a dialog; `onCreated` gets the answer, the only one with the secret in full. */
export function CreateWebhookDialog({
  onCreated,
  onCancel,
}: {
  onCreated: (webhook: Webhook) => void;
  onCancel: () => void;
}) {
  const create = useCreateWebhook();
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm<CreateWebhookBody>({
    resolver: zodResolver(CreateWebhookBodySchema),
    defaultValues: { url: '', events: [], description: '' },
  });
  const { errors, isSubmitting } = form.formState;
  const submit = form.handleSubmit(async (body) => {
    setFailure(null);
    try {
      onCreated(await create.mutateAsync(body));
    } catch (error) {
      setFailure(applyProblemToForm(error, form.setError, fields, fieldFor));
    }
  });
  return (
    <FormDialog title="New webhook" onClose={onCancel} maxWidth={640}>
      <form className="stack" noValidate aria-label="New webhook" onSubmit={submit}>
        <Failure message={failure} />
        <Field label="URL" hint={urlHint} error={errors.url?.message}>
          {(control) => (
            <input
              {...control}
              type="url"
              placeholder="https://erp.example.com/hooks/nexus"
              {...form.register('url')}
            />
          )}
        </Field>
        <EventsPicker
          registration={form.register('events')}
          onSetAll={(events) => form.setValue('events', events, { shouldValidate: form.formState.isSubmitted })}
          error={eventsErrorOf(errors.events)}
        />
        <Field label="Description" error={errors.description?.message}>
          {(control) => (
            <input
              {...control}
              placeholder="What receives it, e.g. ERP order import"
              {...form.register('description')}
            />
          )}
        </Field>
        <div className="form-actions" style={{ marginTop: 0 }}>
          <button type="button" className="btn" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="btn primary" disabled={isSubmitting}>
            {isSubmitting ? 'Creating…' : 'Create webhook'}
          </button>
        </div>
      </form>
    </FormDialog>
  );
}

/** Changes a webhook's URL, events, description, and whether it receives anything at all. */
export function EditWebhookForm({ webhook }: { webhook: Webhook }) {
  const update = useUpdateWebhook(webhook.id);
  const notify = useToast();
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm<UpdateWebhookBody>({
    resolver: zodResolver(UpdateWebhookBodySchema),
    defaultValues: {
      url: webhook.url,
      events: webhook.events,
      description: webhook.description,
      is_active: webhook.is_active,
    },
  });
  const { errors, isSubmitting, isDirty } = form.formState;
  const submit = form.handleSubmit(async (body) => {
    setFailure(null);
    try {
      const saved = await update.mutateAsync(body);
      form.reset({ url: saved.url, events: saved.events, description: saved.description, is_active: saved.is_active });
      notify('Webhook saved');
    } catch (error) {
      setFailure(applyProblemToForm(error, form.setError, fields, fieldFor));
    }
  });
  return (
    <form className="stack" noValidate aria-label="Webhook settings" onSubmit={submit}>
      <Failure message={failure} />
      <Field label="URL" hint={urlHint} error={errors.url?.message}>
        {(control) => <input {...control} type="url" {...form.register('url')} />}
      </Field>
      <EventsPicker
        registration={form.register('events')}
        onSetAll={(events) =>
          form.setValue('events', events, { shouldDirty: true, shouldValidate: form.formState.isSubmitted })
        }
        error={eventsErrorOf(errors.events)}
      />
      <Field label="Description" error={errors.description?.message}>
        {(control) => <input {...control} {...form.register('description')} />}
      </Field>
      <label className="row" style={{ gap: 'var(--space-2)' }}>
        <input type="checkbox" {...form.register('is_active')} />
        <span>
          <strong>Active</strong>{' '}
          <span className="muted">— an inactive webhook is sent nothing until switched back on.</span>
        </span>
      </label>
      <div className="form-actions" style={{ marginTop: 0 }}>
        <button type="button" className="btn" disabled={!isDirty || isSubmitting} onClick={() => form.reset()}>
          Discard changes
        </button>
        <button type="submit" className="btn primary" disabled={isSubmitting}>
          {isSubmitting ? 'Saving…' : 'Save'}
        </button>
      </div>
    </form>
  );
}

import { zodResolver } from '@hookform/resolvers/zod';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useNavigate, useSearchParams } from 'react-router';
import { LoginBodySchema, type LoginBody } from '@nexus/contract';
import { nexus, signOut } from '../../api/nexus';
import { meKey } from '../../app/session';
import { applyProblemToForm } from '../../lib/problems';
import { Field } from '../../ui/field';

const SignInSchema = LoginBodySchema.pick({ email: true, password: true });

const reasons: Record<string, string> = {
  expired: 'Your session has ended. Please sign in again.',
  not_admin:
    'This dashboard is for shop administrators. Your account is a customer account: sign in to the shop instead, or ask an administrator for access.',
};

/** Signs an admin in; a customer is told, politely, that the dashboard is not for them. */
export function SignInScreen() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [search, setSearch] = useSearchParams();
  // Why the admin is here (from the URL, so a second redirect updates it), or what the last attempt found.
  const [attemptNotice, setNotice] = useState<string | null>(null);
  const notice = attemptNotice ?? reasons[search.get('reason') ?? ''] ?? null;
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm<Pick<LoginBody, 'email' | 'password'>>({ resolver: zodResolver(SignInSchema) });
  const { errors, isSubmitting } = form.formState;

  const submit = form.handleSubmit(async (body) => {
    setFailure(null);
    setNotice(null);
    if (search.has('reason')) {
      const rest = new URLSearchParams(search);
      rest.delete('reason');
      setSearch(rest, { replace: true });
    }
    try {
      await nexus.auth.login({ body });
      const me = await nexus.users.me();
      if (me.role !== 'admin') {
        await signOut();
        setNotice(reasons.not_admin ?? null);
        return;
      }
      queryClient.setQueryData(meKey, me);
      const next = search.get('next');
      navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : '/', { replace: true });
    } catch (error) {
      setFailure(applyProblemToForm(error, form.setError, ['email', 'password']));
    }
  });

  return (
    <main className="centered">
      <form className="card stack" onSubmit={submit} noValidate aria-labelledby="sign-in-title">
        <div>
          <h1 id="sign-in-title">Nexus admin</h1>
          <p className="muted">Sign in with your administrator account.</p>
        </div>
        {notice ? (
          <div className="alert info" role="status">
            {notice}
          </div>
        ) : null}
        {failure ? (
          <div className="alert error" role="alert">
            {failure}
          </div>
        ) : null}
        <Field label="Email" error={errors.email?.message}>
          {(control) => <input {...control} type="email" autoComplete="username" {...form.register('email')} />}
        </Field>
        <Field label="Password" error={errors.password?.message}>
          {(control) => (
            <input {...control} type="password" autoComplete="current-password" {...form.register('password')} />
          )}
        </Field>
        <button type="submit" className="btn primary" disabled={isSubmitting}>
          {isSubmitting ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}

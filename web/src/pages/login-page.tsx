import { createRoute, useNavigate } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { $api } from '../api/client';
import { session } from '../auth/session';
import { apiErrorOf, ErrorMessage, Field, formString } from '../components/forms';
import { rootRoute } from '../root';

export const loginRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/login',
  validateSearch: (search: Record<string, unknown>): { next?: string } =>
    typeof search.next === 'string' && search.next.startsWith('/') ? { next: search.next } : {},
  component: LoginPage,
});

function LoginPage() {
  const { next } = loginRoute.useSearch();
  const navigate = useNavigate();
  const login = $api.useMutation('post', '/api/auth/login');
  const [username, setUsername] = useState('');
  const error = apiErrorOf(login.error);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    login.mutate(
      {
        body: { username: formString(form, 'username') ?? '', password: String(form.get('password') ?? '') },
      },
      {
        onSuccess: (response) => {
          session.signIn(response.accessToken);
          void navigate({ to: next ?? '/' });
        },
      },
    );
  };

  return (
    <div className="login">
      <form className="card" onSubmit={submit} aria-label="Sign in">
        <h1>Service orders</h1>
        <Field label="Username" name="username" error={error}>
          <input
            name="username"
            autoComplete="username"
            value={username}
            onChange={(event) => setUsername(event.target.value)}
            required
            autoFocus
          />
        </Field>
        <Field label="Password" name="password" error={error}>
          <input name="password" type="password" autoComplete="current-password" required />
        </Field>
        <ErrorMessage error={login.error} shownFields={['username', 'password']} />
        <button type="submit" className="primary" disabled={login.isPending}>
          {login.isPending ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </div>
  );
}

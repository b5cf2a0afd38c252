'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';

const copy = {
  signin: {
    heading: 'Sign in',
    submit: 'Sign in',
    busy: 'Signing in…',
    switchText: 'New here?',
    switchLink: 'Create an account',
    switchHref: '/signup',
  },
  signup: {
    heading: 'Create your account',
    submit: 'Create account',
    busy: 'Creating account…',
    switchText: 'Already have an account?',
    switchLink: 'Sign in',
    switchHref: '/signin',
  },
} as const;

async function readError(response: Response): Promise<string> {
  const body = (await response.json().catch(() => undefined)) as
    | { error?: unknown; message?: unknown; hint?: unknown }
    | undefined;
  const text = [body?.message, body?.error].find((v) => typeof v === 'string');
  if (typeof text === 'string') return text;
  if (response.status === 401) return 'Wrong email or password.';
  if (response.status === 409) return 'An account with this email already exists.';
  if (response.status === 429) return 'Too many attempts. Wait a minute and try again.';
  return 'Something went wrong. Please try again.';
}

/** Sign-in and sign-up form; the frontend's route sets the session cookie. */
export function AuthForm({ mode, next }: { mode: 'signin' | 'signup'; next: string }) {
  const text = copy[mode];
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const errorRef = useRef<HTMLParagraphElement>(null);
  const ids = useId();

  useEffect(() => {
    if (error) errorRef.current?.focus();
  }, [error]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const body: Record<string, string> = {
      email: String(form.get('email') ?? '').trim(),
      password: String(form.get('password') ?? ''),
    };
    const name = String(form.get('name') ?? '').trim();
    if (mode === 'signup' && name) body.name = name;
    setBusy(true);
    setError(undefined);
    try {
      const response = await fetch(`/bff/auth/${mode}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (!response.ok) {
        setError(await readError(response));
        setBusy(false);
        return;
      }
      router.replace(next);
      router.refresh();
    } catch {
      setError('Network error: check your connection and try again.');
      setBusy(false);
    }
  }

  return (
    <main id="main" className="auth">
      <div className="card auth__card">
        <p className="brand brand--large">Todo</p>
        <h1>{text.heading}</h1>
        <form
          onSubmit={submit}
          aria-describedby={error ? `${ids}-error` : undefined}
          noValidate={false}
        >
          {error ? (
            <p id={`${ids}-error`} ref={errorRef} className="alert" role="alert" tabIndex={-1}>
              {error}
            </p>
          ) : null}
          {mode === 'signup' ? (
            <div className="field">
              <label htmlFor={`${ids}-name`}>
                Name <span className="optional">(optional)</span>
              </label>
              <input id={`${ids}-name`} name="name" autoComplete="name" maxLength={100} />
            </div>
          ) : null}
          <div className="field">
            <label htmlFor={`${ids}-email`}>Email</label>
            <input id={`${ids}-email`} name="email" type="email" autoComplete="email" required />
          </div>
          <div className="field">
            <label htmlFor={`${ids}-password`}>Password</label>
            <input
              id={`${ids}-password`}
              name="password"
              type="password"
              autoComplete={mode === 'signup' ? 'new-password' : 'current-password'}
              minLength={mode === 'signup' ? 8 : undefined}
              aria-describedby={mode === 'signup' ? `${ids}-password-hint` : undefined}
              required
            />
            {mode === 'signup' ? (
              <p id={`${ids}-password-hint`} className="hint">
                At least 8 characters.
              </p>
            ) : null}
          </div>
          <button type="submit" className="button button--primary button--block" disabled={busy}>
            {busy ? text.busy : text.submit}
          </button>
        </form>
        <p className="auth__switch">
          {text.switchText}{' '}
          <Link
            href={
              next === '/tasks'
                ? text.switchHref
                : `${text.switchHref}?next=${encodeURIComponent(next)}`
            }
          >
            {text.switchLink}
          </Link>
        </p>
      </div>
    </main>
  );
}

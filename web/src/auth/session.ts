// The signed-in person: the API's JWT (POST /api/auth/login) kept in localStorage, and the claims the
// app reads from it (who, which roles) to choose what to show. The server checks every call itself;
// the claims only shape the screens.
import { useSyncExternalStore } from 'react';

export const STAFF_ROLES = ['agent', 'supervisor', 'dispatcher', 'technician', 'finance', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export interface Claims {
  /** The user's id. */
  sub: string;
  username: string;
  roles: StaffRole[];
  /** Expiry, seconds since the epoch. */
  exp: number;
}

const STORAGE_KEY = 'service-orders.token';
const listeners = new Set<() => void>();

function decode(token: string): Claims | null {
  try {
    const payload = token.split('.')[1] ?? '';
    const binary = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const json = new TextDecoder().decode(Uint8Array.from(binary, (char) => char.charCodeAt(0)));
    const claims = JSON.parse(json) as Claims;
    return claims.exp * 1000 > Date.now() ? claims : null;
  } catch {
    return null;
  }
}

let current: { token: string; claims: Claims } | null = (() => {
  const token = localStorage.getItem(STORAGE_KEY);
  const claims = token ? decode(token) : null;
  return token && claims ? { token, claims } : null;
})();

function changed(): void {
  for (const listener of listeners) listener();
}

export const session = {
  token: (): string | null => current?.token ?? null,
  claims: (): Claims | null => current?.claims ?? null,
  signIn(token: string): Claims {
    const claims = decode(token);
    if (!claims) throw new Error('The server returned a token this app cannot read');
    localStorage.setItem(STORAGE_KEY, token);
    current = { token, claims };
    changed();
    return claims;
  },
  signOut(): void {
    if (!current) return;
    localStorage.removeItem(STORAGE_KEY);
    current = null;
    changed();
  },
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

// Another tab signing in or out changes this one too.
window.addEventListener('storage', (event) => {
  if (event.key !== STORAGE_KEY) return;
  const claims = event.newValue ? decode(event.newValue) : null;
  current = event.newValue && claims ? { token: event.newValue, claims } : null;
  changed();
});

/** The signed-in person's claims, re-rendering on sign-in and sign-out; null when nobody is signed in. */
export function useClaims(): Claims | null {
  return useSyncExternalStore(session.subscribe, session.claims);
}

export function hasRole(claims: Claims | null, ...roles: StaffRole[]): boolean {
  return Boolean(claims?.roles.some((role) => roles.includes(role)));
}

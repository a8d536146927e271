import type { QueryClient } from '@tanstack/react-query';
import {
  createRootRouteWithContext,
  Link,
  Outlet,
  redirect,
  useMatches,
  useRouter,
} from '@tanstack/react-router';
import { session, useClaims, type Claims, type StaffRole } from './auth/session';
import { UnreadBadge } from './pages/inbox/unread-badge';

export interface RouterContext {
  queryClient: QueryClient;
}

declare module '@tanstack/react-router' {
  interface StaticDataRouteOption {
    /** A page for customers (their order, the service request): never inside the staff navigation. */
    standalone?: boolean;
  }
}

export const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: Layout,
});

/** For a route's `beforeLoad`: staff pages need someone signed in, and send the rest to the sign-in page. */
export function requireSignIn({ location }: { location: { href: string } }): Claims {
  const claims = session.claims();
  if (!claims) throw redirect({ to: '/login', search: { next: location.href } });
  return claims;
}

/** The areas of the console, each shown to the roles that work there (the server enforces the same). */
export const AREAS: { to: string; label: string; roles: StaffRole[] }[] = [
  { to: '/intake', label: 'Intake', roles: ['agent'] },
  { to: '/queues', label: 'Queues', roles: ['agent'] },
  { to: '/approvals', label: 'Approvals', roles: ['supervisor'] },
  { to: '/dispatch', label: 'Dispatch', roles: ['dispatcher', 'supervisor'] },
  { to: '/my-orders', label: 'My orders', roles: ['technician'] },
  { to: '/orders', label: 'Orders', roles: ['agent', 'supervisor', 'dispatcher', 'finance', 'admin'] },
  {
    to: '/escalations',
    label: 'Escalations',
    roles: ['agent', 'supervisor', 'dispatcher', 'technician', 'finance', 'admin'],
  },
  { to: '/reports', label: 'Reports', roles: ['supervisor', 'admin'] },
  { to: '/admin/users', label: 'Users', roles: ['admin'] },
  { to: '/admin/policies', label: 'Policies', roles: ['admin'] },
  { to: '/admin/calendars', label: 'Calendars', roles: ['admin'] },
  { to: '/admin/catalogue', label: 'Catalogue', roles: ['admin'] },
  { to: '/stock', label: 'Stock', roles: ['supervisor', 'dispatcher', 'admin'] },
  { to: '/request/poster', label: 'QR poster', roles: ['agent', 'admin'] },
];

export function areasFor(claims: Claims | null): typeof AREAS {
  return AREAS.filter((area) => claims?.roles.some((role) => area.roles.includes(role)));
}

function Layout() {
  const claims = useClaims();
  const router = useRouter();
  const standalone = useMatches({
    select: (matches) => matches.some((match) => match.staticData?.standalone),
  });
  // The sign-in page stands alone, and so do the customer's pages even when staff are signed in here.
  if (!claims || standalone) return <Outlet />;
  return (
    <div className="app">
      <header className="topbar">
        <Link to="/" className="brand">
          Service orders
        </Link>
        <nav className="areas" aria-label="Areas">
          {areasFor(claims).map((area) => (
            <Link key={area.to} to={area.to} activeProps={{ className: 'active' }}>
              {area.label}
            </Link>
          ))}
          <Link to="/notifications" activeProps={{ className: 'active' }}>
            Inbox <UnreadBadge />
          </Link>
        </nav>
        <div className="who">
          <span title={claims.roles.join(', ')}>{claims.username}</span>
          <button
            type="button"
            className="link"
            onClick={() => {
              session.signOut();
              void router.navigate({ to: '/login' });
            }}
          >
            Sign out
          </button>
        </div>
      </header>
      <main className="content">
        <Outlet />
      </main>
    </div>
  );
}

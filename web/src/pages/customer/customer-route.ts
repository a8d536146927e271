import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { rootRoute } from '../../root';

/**
 * `/c/SO-…#t=<token>`: the customer's own page, opened from the link in their messages. No account: every
 * call carries the link's token as its bearer, never a staff session that may be signed in in this
 * browser, and the page stands alone, without the staff navigation.
 */
export const customerRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/c/$orderNo',
  staticData: { standalone: true },
  // Loaded on its own: a customer's phone fetches the customer page, not the staff console.
  component: lazyRouteComponent(() => import('./customer-page'), 'CustomerPage'),
});

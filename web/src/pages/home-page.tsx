import { createRoute, redirect } from '@tanstack/react-router';
import { areasFor, requireSignIn, rootRoute } from '../root';

/** `/`: each person lands on the first area of their work (an agent on intake, a technician on their orders). */
export const homeRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/',
  beforeLoad: ({ location }) => {
    const claims = requireSignIn({ location });
    throw redirect({ to: areasFor(claims)[0]?.to ?? '/notifications' });
  },
});

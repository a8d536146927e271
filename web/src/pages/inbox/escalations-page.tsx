import { createRoute } from '@tanstack/react-router';
import { requireSignIn, rootRoute } from '../../root';

export const escalationsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/escalations',
  beforeLoad: requireSignIn,
  component: EscalationsPage,
});

function EscalationsPage() {
  return <h1>Escalations</h1>;
}

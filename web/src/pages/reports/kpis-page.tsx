import { createRoute } from '@tanstack/react-router';
import { requireSignIn, rootRoute } from '../../root';

export const kpisRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/reports',
  beforeLoad: requireSignIn,
  component: KpisPage,
});

function KpisPage() {
  return <h1>Reports</h1>;
}

import { createRoute } from '@tanstack/react-router';
import { requireSignIn, rootRoute } from '../../root';

export const policiesRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/admin/policies',
  beforeLoad: requireSignIn,
  component: PoliciesPage,
});

function PoliciesPage() {
  return <h1>SLA policies</h1>;
}

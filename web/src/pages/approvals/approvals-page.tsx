import { createRoute } from '@tanstack/react-router';
import { requireSignIn, rootRoute } from '../../root';

export const approvalsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/approvals',
  beforeLoad: requireSignIn,
  component: ApprovalsPage,
});

function ApprovalsPage() {
  return <h1>Approvals</h1>;
}

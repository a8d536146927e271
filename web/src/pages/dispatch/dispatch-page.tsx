import { createRoute } from '@tanstack/react-router';
import { requireSignIn, rootRoute } from '../../root';

export const dispatchRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/dispatch',
  beforeLoad: requireSignIn,
  component: DispatchPage,
});

function DispatchPage() {
  return <h1>Dispatch board</h1>;
}

import { createRoute } from '@tanstack/react-router';
import { requireSignIn, rootRoute } from '../../root';

export const queuesRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/queues',
  beforeLoad: requireSignIn,
  component: QueuesPage,
});

function QueuesPage() {
  return <h1>Queues</h1>;
}

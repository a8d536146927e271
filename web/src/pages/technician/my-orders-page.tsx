import { createRoute } from '@tanstack/react-router';
import { requireSignIn, rootRoute } from '../../root';

export const myOrdersRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/my-orders',
  beforeLoad: requireSignIn,
  component: MyOrdersPage,
});

function MyOrdersPage() {
  return <h1>My orders</h1>;
}

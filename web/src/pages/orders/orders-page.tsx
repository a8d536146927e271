import { createRoute } from '@tanstack/react-router';
import { requireSignIn, rootRoute } from '../../root';

export const ordersRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/orders',
  beforeLoad: requireSignIn,
  component: OrdersPage,
});

function OrdersPage() {
  return <h1>Orders</h1>;
}

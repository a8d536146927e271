import { createRoute } from '@tanstack/react-router';
import { requireSignIn, rootRoute } from '../../root';

export const orderRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/orders/$orderNo',
  beforeLoad: requireSignIn,
  component: OrderPage,
});

function OrderPage() {
  return <h1>Order</h1>;
}

import { QueryClient } from '@tanstack/react-query';
import { createRouter } from '@tanstack/react-router';
import { homeRoute } from './pages/home-page';
import { loginRoute } from './pages/login-page';
import { intakeRoute } from './pages/intake/intake-page';
import { queuesRoute } from './pages/intake/queues-page';
import { approvalsRoute } from './pages/approvals/approvals-page';
import { dispatchRoute } from './pages/dispatch/dispatch-page';
import { myOrdersRoute } from './pages/technician/my-orders-page';
import { ordersRoute } from './pages/orders/orders-page';
import { orderRoute } from './pages/orders/order-page';
import { escalationsRoute } from './pages/inbox/escalations-page';
import { notificationsRoute } from './pages/inbox/notifications-page';
import { kpisRoute } from './pages/reports/kpis-page';
import { usersRoute } from './pages/admin/users-page';
import { policiesRoute } from './pages/admin/policies-page';
import { calendarsRoute } from './pages/admin/calendars-page';
import { catalogueRoute } from './pages/catalogue/catalogue-page';
import { stockRoute } from './pages/stock/stock-page';
import { customerRoute } from './pages/customer/customer-route';
import { requestRoute } from './pages/self-service/request-route';
import { posterRoute } from './pages/self-service/poster-page';
import { rootRoute } from './root';

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: { staleTime: 2_000, retry: (failures, error) => failures < 2 && !isRefusal(error) },
  },
});

/** 4xx answers are final: retrying a 403 or a 404 only delays the message. */
function isRefusal(error: unknown): boolean {
  const status = (error as { statusCode?: number } | null)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500;
}

const routeTree = rootRoute.addChildren([
  homeRoute,
  loginRoute,
  intakeRoute,
  queuesRoute,
  approvalsRoute,
  dispatchRoute,
  myOrdersRoute,
  ordersRoute,
  orderRoute,
  escalationsRoute,
  notificationsRoute,
  kpisRoute,
  usersRoute,
  policiesRoute,
  calendarsRoute,
  catalogueRoute,
  stockRoute,
  customerRoute,
  requestRoute,
  posterRoute,
]);

export const router = createRouter({ routeTree, context: { queryClient }, defaultPreload: 'intent' });

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}

import { createRoute } from '@tanstack/react-router';
import { requireSignIn, rootRoute } from '../../root';

export const notificationsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/notifications',
  beforeLoad: requireSignIn,
  component: NotificationsPage,
});

function NotificationsPage() {
  return <h1>Inbox</h1>;
}

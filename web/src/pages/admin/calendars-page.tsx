import { createRoute } from '@tanstack/react-router';
import { requireSignIn, rootRoute } from '../../root';

export const calendarsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/admin/calendars',
  beforeLoad: requireSignIn,
  component: CalendarsPage,
});

function CalendarsPage() {
  return <h1>Calendars</h1>;
}

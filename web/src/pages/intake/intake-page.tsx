import { createRoute } from '@tanstack/react-router';
import { requireSignIn, rootRoute } from '../../root';

export const intakeRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/intake',
  beforeLoad: requireSignIn,
  component: IntakePage,
});

function IntakePage() {
  return <h1>Intake</h1>;
}

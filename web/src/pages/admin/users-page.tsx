import { createRoute } from '@tanstack/react-router';
import { requireSignIn, rootRoute } from '../../root';

export const usersRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/admin/users',
  beforeLoad: requireSignIn,
  component: UsersPage,
});

function UsersPage() {
  return <h1>Users</h1>;
}

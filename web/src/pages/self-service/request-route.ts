import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { rootRoute } from '../../root';

/**
 * `/request` (`?model=` from the QR code on a product): a customer asks for service without an account.
 * They prove the phone is theirs with a one-time code sent by SMS, then describe the job; the order goes
 * through the same intake rules as one taken by phone, and the page hands them the link to follow it.
 */
export const requestRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/request',
  staticData: { standalone: true },
  validateSearch: (search: Record<string, unknown>): { model?: string } =>
    typeof search.model === 'string' && search.model.trim() !== '' ? { model: search.model.trim() } : {},
  component: lazyRouteComponent(() => import('./request-page'), 'RequestPage'),
});

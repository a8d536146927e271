import { createRoute, Link } from '@tanstack/react-router';
import { useMemo } from 'react';
import { useClaims } from '../../auth/session';
import { ErrorMessage } from '../../components/forms';
import { requireSignIn, rootRoute } from '../../root';
import { DeadlinesTable } from './order/deadlines';
import { OrderActions } from './order/order-actions';
import { EscalationsList, OrderDetails, OrderHeader, PartsRequestsTable } from './order/order-summary';
import { peopleNames } from './order/people';
import { PricingSection } from './order/pricing';
import { Timeline } from './order/timeline';
import { CommandTrackerContext, useOrderPageData } from './order/use-order';
import './order/order.css';

export const orderRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/orders/$orderNo',
  beforeLoad: requireSignIn,
  component: OrderPage,
});

function OrderPage() {
  const { orderNo } = orderRoute.useParams();
  const claims = useClaims();
  const { order, view, timeline, tracker, lastOutcome, updating } = useOrderPageData(orderNo);
  const names = useMemo(() => peopleNames(view, timeline.data), [view, timeline.data]);

  if (order.isLoading) return <p className="empty">Loading order {orderNo}…</p>;
  if (!view)
    return (
      <div className="stack">
        <h1>Order {orderNo}</h1>
        {order.error ? (
          <ErrorMessage error={order.error} />
        ) : (
          <p className="empty">This order cannot be shown here.</p>
        )}
        <Link to="/">Back to the start page</Link>
      </div>
    );

  return (
    <CommandTrackerContext.Provider value={tracker}>
      <div className="order-page">
        <OrderHeader order={view} names={names} claims={claims} />
        {order.error && <ErrorMessage error={order.error} />}
        {lastOutcome && (
          <p className="notice order-notice" role="status">
            {lastOutcome.message} {updating && <span className="muted">Updating…</span>}
          </p>
        )}

        <section className="order-actions" aria-labelledby="order-actions-heading">
          <h2 id="order-actions-heading">Your actions</h2>
          <OrderActions order={view} />
        </section>

        <div className="order-main">
          <section aria-labelledby="order-deadlines-heading">
            <h2 id="order-deadlines-heading">Deadlines</h2>
            <DeadlinesTable deadlines={view.deadlines} names={names} claims={claims} />
          </section>
          <section aria-labelledby="order-escalations-heading">
            <h2 id="order-escalations-heading">Escalations</h2>
            <EscalationsList escalations={view.escalations} />
          </section>
          {view.pricing && (
            <section aria-labelledby="order-pricing-heading">
              <h2 id="order-pricing-heading">Price and parts</h2>
              <div className="card">
                <PricingSection order={view} pricing={view.pricing} names={names} claims={claims} />
              </div>
            </section>
          )}
          <section aria-labelledby="order-parts-heading">
            <h2 id="order-parts-heading">Parts requests</h2>
            <PartsRequestsTable requests={view.partsRequests} />
          </section>
          <section className="card" aria-labelledby="order-details-heading">
            <h2 id="order-details-heading">Details</h2>
            <OrderDetails order={view} />
          </section>
          <section aria-labelledby="order-timeline-heading">
            <h2 id="order-timeline-heading">Timeline</h2>
            {timeline.error && <ErrorMessage error={timeline.error} />}
            {timeline.isLoading ? (
              <p className="empty">Loading the timeline…</p>
            ) : (
              <div className="card">
                <Timeline
                  entries={timeline.data ?? []}
                  names={names}
                  claims={claims}
                  currency={view.pricing?.basis?.currency}
                />
              </div>
            )}
          </section>
        </div>
      </div>
    </CommandTrackerContext.Provider>
  );
}

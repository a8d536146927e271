import { createRoute } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useClaims } from '../../auth/session';
import { ErrorMessage } from '../../components/forms';
import { requireSignIn, rootRoute } from '../../root';
import {
  byPriorityThenDeadline,
  deadlineTime,
  useOrdersInStatuses,
  type OrderStatus,
  type OrdersInStatuses,
  type OrderSummary,
} from '../dispatch/order-queries';
import { DoneOrderItem, OpenOrderCard } from './order-card';
import './my-orders.css';

export const myOrdersRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/my-orders',
  beforeLoad: requireSignIn,
  component: MyOrdersPage,
});

const WAITING_FOR_ME: readonly OrderStatus[] = ['ASSIGNED'];
const TO_DO: readonly OrderStatus[] = ['ACCEPTED', 'ON_SITE', 'PENDING_QUOTE', 'IN_PROGRESS', 'REWORK'];
const DONE: readonly OrderStatus[] = ['PENDING_QC', 'PENDING_ACCEPTANCE', 'COMPLETED'];
const DONE_SHOWN = 10;

const byDeadline = (a: OrderSummary, b: OrderSummary) =>
  deadlineTime(a) - deadlineTime(b) || byPriorityThenDeadline(a, b);
const newestFirst = (a: OrderSummary, b: OrderSummary) => b.updatedAt.localeCompare(a.updatedAt);

function MyOrdersPage() {
  const claims = useClaims();
  const me = claims?.sub ?? '';
  // The server shows a technician only their own orders; the filter says so for anyone else, too.
  const filters = { technician: me };
  const waiting = useOrdersInStatuses(WAITING_FOR_ME, filters);
  const toDo = useOrdersInStatuses(TO_DO, filters);
  const done = useOrdersInStatuses(DONE, filters, DONE_SHOWN);

  return (
    <div className="tech-page">
      <h1>My orders</h1>
      <OrderSection
        title="Waiting for my answer"
        id="waiting"
        list={waiting}
        empty="Nothing waiting for your answer."
      >
        {[...waiting.orders].sort(byDeadline).map((order) => (
          <OpenOrderCard key={order.orderNo} summary={order} technicianId={me} />
        ))}
      </OrderSection>
      <OrderSection title="To do" id="to-do" list={toDo} empty="No open work.">
        {[...toDo.orders].sort(byDeadline).map((order) => (
          <OpenOrderCard key={order.orderNo} summary={order} technicianId={me} />
        ))}
      </OrderSection>
      <OrderSection title="Done recently" id="done" list={done} empty="Nothing finished yet.">
        <ul className="tech-done-list">
          {[...done.orders]
            .sort(newestFirst)
            .slice(0, DONE_SHOWN)
            .map((order) => (
              <DoneOrderItem key={order.orderNo} summary={order} />
            ))}
        </ul>
      </OrderSection>
    </div>
  );
}

function OrderSection({
  title,
  id,
  list,
  empty,
  children,
}: {
  title: string;
  id: string;
  list: OrdersInStatuses;
  empty: string;
  children: ReactNode;
}) {
  return (
    <section className="tech-section" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>
        {title} {!list.isPending && <span className="badge">{list.orders.length}</span>}
      </h2>
      {list.isPending && <p className="empty">Loading…</p>}
      <ErrorMessage error={list.error} />
      {!list.isPending && !list.error && list.orders.length === 0 ? (
        <p className="empty">{empty}</p>
      ) : (
        children
      )}
    </section>
  );
}

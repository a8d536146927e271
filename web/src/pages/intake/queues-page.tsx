// The agents' two work queues: orders waiting for missing information, and orders waiting for review.
// Each row expands to act on it inline; both lists poll, so rows come and go without a reload.
import { createRoute } from '@tanstack/react-router';
import { Fragment, useState, type ReactNode } from 'react';
import { $api, type Schemas } from '../../api/client';
import { ErrorMessage } from '../../components/forms';
import { OrderLink, PriorityBadge, STATUS_LABELS } from '../../components/status';
import { Countdown, formatDateTime } from '../../components/time';
import { requireSignIn, rootRoute } from '../../root';
import { OrderBrief } from './order-brief';
import { draftFromDetails, ORDER_TYPE_LABELS } from './order-draft';
import { ReviewActions } from './review-actions';
import { SupplyInfoForm } from './supply-info-form';
import './intake.css';

export const queuesRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/queues',
  beforeLoad: requireSignIn,
  component: QueuesPage,
});

type OrderSummary = Schemas['OrderSummaryDto'];
type QueueStatus = 'INFO_REQUIRED' | 'PENDING_REVIEW';

const POLL_MS = 5000;
const QUEUE_PAGE_SIZE = 50;

function QueuesPage() {
  return (
    <div className="intake-queues">
      <h1>Queues</h1>
      <QueueSection
        title="Info required"
        status="INFO_REQUIRED"
        actionLabel="Supply info"
        renderAction={(orderNo, done) => <SupplyInfoPanel orderNo={orderNo} onDone={done} />}
      />
      <QueueSection
        title="Review"
        status="PENDING_REVIEW"
        actionLabel="Review"
        renderAction={(orderNo, done) => <ReviewPanel orderNo={orderNo} onDone={done} />}
      />
    </div>
  );
}

function typeLabel(type: string): string {
  return Object.entries(ORDER_TYPE_LABELS).find(([value]) => value === type)?.[1] ?? type;
}

/** One queue: a polled list of the orders in `status`, each row expandable to act on it. */
function QueueSection({
  title,
  status,
  actionLabel,
  renderAction,
}: {
  title: string;
  status: QueueStatus;
  actionLabel: string;
  /** The inline form; it calls `done(message)` once the order has left this queue. */
  renderAction: (orderNo: string, done: (message: string) => void) => ReactNode;
}) {
  const list = $api.useQuery(
    'get',
    '/api/orders',
    { params: { query: { status, pageSize: QUEUE_PAGE_SIZE } } },
    { refetchInterval: POLL_MS },
  );
  const [open, setOpen] = useState<string | null>(null);
  // Orders acted on here: hidden at once, before the polled list (a moment behind) drops them.
  const [handled, setHandled] = useState<ReadonlySet<string>>(new Set());
  const [lastDone, setLastDone] = useState<string | null>(null);
  const headingId = `queue-${status}`;
  const rows = (list.data?.items ?? []).filter((order) => !handled.has(order.orderNo));
  const total = list.data ? Math.max(0, list.data.total - (list.data.items.length - rows.length)) : null;

  const done = (orderNo: string) => (message: string) => {
    setHandled((before) => new Set(before).add(orderNo));
    setOpen(null);
    setLastDone(message);
  };

  return (
    <section className="intake-queue" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {title}{' '}
        {total !== null && (
          <span className="badge" aria-label={`${total} orders`}>
            {list.data?.totalCapped ? `${total}+` : total}
          </span>
        )}
      </h2>
      {lastDone && (
        <p className="notice" role="status">
          {lastDone}
        </p>
      )}
      {list.isPending ? (
        <p className="empty">Loading…</p>
      ) : list.isError ? (
        <ErrorMessage error={list.error} />
      ) : rows.length === 0 ? (
        <p className="empty">
          No orders {status === 'INFO_REQUIRED' ? 'waiting for information' : 'to review'}.
        </p>
      ) : (
        <QueueTable
          rows={rows}
          open={open}
          actionLabel={actionLabel}
          onToggle={(orderNo) => setOpen((current) => (current === orderNo ? null : orderNo))}
          renderAction={(orderNo) => renderAction(orderNo, done(orderNo))}
        />
      )}
      {list.data && list.data.total > list.data.items.length && (
        <p className="muted small">
          Showing the newest {list.data.items.length}; open the order list for the rest.
        </p>
      )}
    </section>
  );
}

const COLUMNS = 7;

function QueueTable({
  rows,
  open,
  actionLabel,
  onToggle,
  renderAction,
}: {
  rows: OrderSummary[];
  open: string | null;
  actionLabel: string;
  onToggle: (orderNo: string) => void;
  renderAction: (orderNo: string) => ReactNode;
}) {
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            <th>Order</th>
            <th>Type</th>
            <th>Priority</th>
            <th>Customer</th>
            <th>Created</th>
            <th>Next deadline</th>
            <th>
              <span className="intake-visually-hidden">Action</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((order) => {
            const expanded = open === order.orderNo;
            const panelId = `queue-panel-${order.orderNo}`;
            return (
              <Fragment key={order.orderNo}>
                <tr className={expanded ? 'intake-row-open' : undefined}>
                  <td>
                    <OrderLink orderNo={order.orderNo} />
                  </td>
                  <td>{typeLabel(order.type)}</td>
                  <td>
                    <PriorityBadge priority={order.priority} />
                  </td>
                  <td>
                    {order.customerName}
                    <div className="muted small">{order.customerPhone}</div>
                  </td>
                  <td>{formatDateTime(order.createdAt)}</td>
                  <td data-testid={`deadline-${order.orderNo}`}>
                    {order.nextDeadline ? <Countdown dueAt={order.nextDeadline} /> : '—'}
                  </td>
                  <td>
                    <button
                      type="button"
                      className={expanded ? undefined : 'primary'}
                      aria-expanded={expanded}
                      aria-controls={expanded ? panelId : undefined}
                      onClick={() => onToggle(order.orderNo)}
                    >
                      {expanded ? 'Close' : actionLabel}
                    </button>
                  </td>
                </tr>
                {expanded && (
                  <tr className="intake-panel-row">
                    <td colSpan={COLUMNS} id={panelId}>
                      {renderAction(order.orderNo)}
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** The order as staff read it (its details and problems), polled while a row is open. */
function useStaffOrder(orderNo: string) {
  const query = $api.useQuery(
    'get',
    '/api/orders/{orderNo}',
    { params: { path: { orderNo } } },
    { refetchInterval: POLL_MS },
  );
  // The endpoint answers a customer token with the customer's view; staff always get the full one.
  const order = query.data && 'details' in query.data ? query.data : undefined;
  return { query, order };
}

function OrderLoading({ query }: { query: { isPending: boolean; error: unknown } }) {
  if (query.isPending) return <p className="empty">Loading the order…</p>;
  if (query.error) return <ErrorMessage error={query.error} />;
  return <p className="empty">This order cannot be shown here.</p>;
}

function SupplyInfoPanel({ orderNo, onDone }: { orderNo: string; onDone: (message: string) => void }) {
  const { query, order } = useStaffOrder(orderNo);
  if (!order) return <OrderLoading query={query} />;
  return (
    <SupplyInfoForm
      key={orderNo}
      orderNo={orderNo}
      initialDraft={() => draftFromDetails(order.details)}
      problems={order.problems}
      revision={order.revision}
      onSupplied={(view) => {
        if (view.status !== 'INFO_REQUIRED')
          onDone(
            `${orderNo}: information complete, now ${STATUS_LABELS[view.status]?.toLowerCase() ?? view.status}.`,
          );
      }}
    />
  );
}

function ReviewPanel({ orderNo, onDone }: { orderNo: string; onDone: (message: string) => void }) {
  const { query, order } = useStaffOrder(orderNo);
  return (
    <div className="intake-review-panel">
      {order ? <OrderBrief details={order.details} /> : <OrderLoading query={query} />}
      <ReviewActions
        orderNo={orderNo}
        onReviewed={(decision) => onDone(`${orderNo}: ${REVIEWED[decision]}.`)}
      />
    </div>
  );
}

const REVIEWED = {
  APPROVE: 'approved',
  RETURN: 'returned for more information',
  REJECT: 'rejected',
} as const;

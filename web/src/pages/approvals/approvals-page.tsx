import { createRoute } from '@tanstack/react-router';
import { useState } from 'react';
import { $api, isStaffView, type Schemas } from '../../api/client';
import { hasRole, useClaims } from '../../auth/session';
import { ErrorMessage } from '../../components/forms';
import { OrderLink, PriorityBadge } from '../../components/status';
import { formatDateTime } from '../../components/time';
import { requireSignIn, rootRoute } from '../../root';
import { ApprovalForm } from '../orders/order/approval-form';
import { DeadlineCountdown } from '../orders/order/deadlines';
import { formatAmount, humanize } from '../orders/order/labels';
import { ApprovalReasons } from '../orders/order/order-summary';
import '../orders/order/order.css';
import './approvals.css';

export const approvalsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/approvals',
  beforeLoad: requireSignIn,
  component: ApprovalsPage,
});

const POLL_MS = 5000;
const PAGE_SIZE = 100;

/** Soonest approval deadline first: that is the one to decide next. */
function byNextDeadline(a: Schemas['OrderSummaryDto'], b: Schemas['OrderSummaryDto']): number {
  const due = (order: Schemas['OrderSummaryDto']) =>
    order.nextDeadline ? Date.parse(order.nextDeadline) : Number.POSITIVE_INFINITY;
  return due(a) - due(b);
}

function ApprovalsPage() {
  const claims = useClaims();
  const waiting = $api.useQuery(
    'get',
    '/api/orders',
    { params: { query: { status: 'PENDING_APPROVAL', pageSize: PAGE_SIZE } } },
    { refetchInterval: POLL_MS },
  );
  // Decided here: hidden at once, before the list's next poll no longer has them.
  const [decided, setDecided] = useState<ReadonlySet<string>>(new Set());
  const [lastDecision, setLastDecision] = useState<string | null>(null);
  const orders = (waiting.data?.items ?? [])
    .filter((order) => !decided.has(order.orderNo))
    .sort(byNextDeadline);

  return (
    <div className="stack">
      <h1>Approvals</h1>
      <p className="muted approvals-intro">
        Complex orders waiting for a supervisor’s decision, the most urgent first.
      </p>
      {!hasRole(claims, 'supervisor') && (
        <p className="notice">Only supervisors decide approvals; you see the orders waiting for them.</p>
      )}
      {lastDecision && (
        <p className="notice" role="status">
          {lastDecision}
        </p>
      )}
      {waiting.error && <ErrorMessage error={waiting.error} />}
      {waiting.isLoading ? (
        <p className="empty">Loading the orders waiting for approval…</p>
      ) : orders.length === 0 ? (
        !waiting.error && <p className="empty">No order is waiting for approval.</p>
      ) : (
        <div className="approvals-list">
          {orders.map((summary) => (
            <ApprovalCard
              key={summary.orderNo}
              summary={summary}
              onDecided={(decision) => {
                setDecided((previous) => new Set([...previous, summary.orderNo]));
                setLastDecision(`${summary.orderNo} ${decision === 'APPROVE' ? 'approved' : 'rejected'}.`);
              }}
            />
          ))}
        </div>
      )}
      {waiting.data && waiting.data.total > waiting.data.items.length && (
        <p className="small muted">
          Showing the first {waiting.data.items.length} of {waiting.data.total} orders.
        </p>
      )}
    </div>
  );
}

/** One order waiting: why it is complex, what it is, the time left, and the decision. */
function ApprovalCard({
  summary,
  onDecided,
}: {
  summary: Schemas['OrderSummaryDto'];
  onDecided: (decision: 'APPROVE' | 'REJECT') => void;
}) {
  const order = $api.useQuery(
    'get',
    '/api/orders/{orderNo}',
    { params: { path: { orderNo: summary.orderNo } } },
    { refetchInterval: POLL_MS },
  );
  const view = isStaffView(order.data) ? order.data : undefined;
  const deadline = view?.deadlines.find((candidate) => candidate.stage === 'APPROVAL');
  const headingId = `approval-${summary.orderNo}`;

  return (
    <article className="card approvals-card" aria-labelledby={headingId} data-order-no={summary.orderNo}>
      <header className="row">
        <h2 id={headingId}>
          <OrderLink orderNo={summary.orderNo} />
        </h2>
        <PriorityBadge priority={summary.priority} />
        <span className="spacer" />
        {deadline && (
          <span className="approvals-time-left" data-testid="approval-deadline">
            <span className="small muted">Time left to decide </span>
            <DeadlineCountdown deadline={deadline} />
          </span>
        )}
      </header>
      <dl className="order-facts">
        <div className="order-fact">
          <dt>Customer</dt>
          <dd>
            {summary.customerName}
            {view?.details.customer.vip && <span className="badge warn">VIP</span>}
            <div className="small muted">{summary.customerPhone}</div>
          </dd>
        </div>
        <div className="order-fact">
          <dt>Type</dt>
          <dd>{humanize(summary.type)}</dd>
        </div>
        <div className="order-fact">
          <dt>Amount</dt>
          <dd>{formatAmount(summary.totalAmount)}</dd>
        </div>
        <div className="order-fact">
          <dt>Taken</dt>
          <dd>{formatDateTime(summary.createdAt)}</dd>
        </div>
      </dl>
      {order.isLoading && <p className="small muted">Loading why it needs approval…</p>}
      {order.error && <ErrorMessage error={order.error} />}
      {view && (
        <>
          {view.approvalReasons.length > 0 ? (
            <ApprovalReasons reasons={view.approvalReasons} />
          ) : (
            <p className="small muted">The policy asks for approval of this order.</p>
          )}
          <p className="approvals-fault">{view.details.faultDescription}</p>
          <ApprovalForm
            orderNo={summary.orderNo}
            allowedActions={view.allowedActions}
            onDecided={onDecided}
          />
        </>
      )}
    </article>
  );
}

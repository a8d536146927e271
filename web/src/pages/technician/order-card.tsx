import { Link } from '@tanstack/react-router';
import { ErrorMessage } from '../../components/forms';
import { PriorityBadge, StatusBadge } from '../../components/status';
import { Countdown, formatDateTime } from '../../components/time';
import { useStaffOrder, type OrderSummary, type StaffOrder } from '../dispatch/order-queries';
import { deadlineThatMatters, formatWindow, nextStep, stageTask } from './next-step';
import { TechnicianResponse } from './technician-response';

/**
 * An open order as a big card: who, where, when, the deadline that matters now, and the next step.
 * The list gives the summary at once; the address, appointment and allowed steps come with the order.
 */
export function OpenOrderCard({ summary, technicianId }: { summary: OrderSummary; technicianId: string }) {
  const order = useStaffOrder(summary.orderNo);
  const details = order.data?.details;
  const deadline = order.data ? deadlineThatMatters(order.data, technicianId) : undefined;

  return (
    <article
      className="card tech-card"
      data-order-no={summary.orderNo}
      aria-labelledby={`card-${summary.orderNo}`}
    >
      <header className="tech-card-head">
        <h3 id={`card-${summary.orderNo}`}>
          <Link to="/orders/$orderNo" params={{ orderNo: summary.orderNo }}>
            {summary.orderNo}
          </Link>
        </h3>
        <span className="tech-badges">
          <StatusBadge status={summary.status} />
          <PriorityBadge priority={summary.priority} />
        </span>
      </header>

      <DeadlineLine deadline={deadline} fallbackDueAt={order.data ? null : summary.nextDeadline} />

      <dl className="tech-facts">
        <dt>Customer</dt>
        <dd>{summary.customerName}</dd>
        <dt>Phone</dt>
        <dd>
          <a href={`tel:${summary.customerPhone.replace(/[^\d+]/g, '')}`}>{summary.customerPhone}</a>
        </dd>
        <dt>Address</dt>
        <dd>{details ? <MapsLink customer={details.customer} /> : <span className="muted">…</span>}</dd>
        <dt>Appointment</dt>
        <dd>
          {details?.appointment
            ? formatWindow(details.appointment.start, details.appointment.end)
            : details
              ? 'not set'
              : '…'}
        </dd>
        {details && (
          <>
            <dt>Work</dt>
            <dd>
              {summary.type.toLowerCase()}: {details.faultDescription}
            </dd>
          </>
        )}
      </dl>

      <ErrorMessage error={order.error} />
      {summary.status === 'ASSIGNED' ? (
        <TechnicianResponse orderNo={summary.orderNo} />
      ) : (
        <NextStepLink order={order.data ?? undefined} deadline={deadline} orderNo={summary.orderNo} />
      )}
    </article>
  );
}

function DeadlineLine({
  deadline,
  fallbackDueAt,
}: {
  deadline: ReturnType<typeof deadlineThatMatters>;
  fallbackDueAt: string | null;
}) {
  if (deadline)
    return (
      <p className="tech-deadline" data-testid="order-deadline" data-stage={deadline.stage}>
        <span>{stageTask(deadline.stage)}</span>{' '}
        {deadline.dueAt && !deadline.paused ? (
          <Countdown dueAt={deadline.dueAt} />
        ) : (
          // Paused while waiting for parts: the due time moves when the clock resumes.
          <span className="countdown paused">paused</span>
        )}
      </p>
    );
  if (fallbackDueAt)
    return (
      <p className="tech-deadline" data-testid="order-deadline">
        <span>Next deadline</span> <Countdown dueAt={fallbackDueAt} />
      </p>
    );
  return null;
}

function MapsLink({ customer }: { customer: StaffOrder['details']['customer'] }) {
  const query =
    customer.lat !== undefined && customer.lng !== undefined
      ? `${customer.lat},${customer.lng}`
      : customer.address;
  return (
    <a
      href={`https://www.google.com/maps/search/?api=1&query=${encodeURIComponent(query)}`}
      target="_blank"
      rel="noreferrer"
    >
      {customer.address}
    </a>
  );
}

/** The next step as the card's main button; it opens the order page, where the step's form is. */
function NextStepLink({
  order,
  deadline,
  orderNo,
}: {
  order: StaffOrder | undefined;
  deadline: ReturnType<typeof deadlineThatMatters>;
  orderNo: string;
}) {
  const step = order ? nextStep(order, deadline) : null;
  return (
    <div className="tech-actions">
      <Link
        to="/orders/$orderNo"
        params={{ orderNo }}
        className={`tech-button ${step ? 'primary' : ''}`}
        data-action={step?.action}
      >
        {step ? step.label : 'Open order'}
      </Link>
    </div>
  );
}

/** A finished order: a compact line, no actions left for me. */
export function DoneOrderItem({ summary }: { summary: OrderSummary }) {
  return (
    <li className="tech-done" data-order-no={summary.orderNo}>
      <div className="row">
        <Link to="/orders/$orderNo" params={{ orderNo: summary.orderNo }}>
          {summary.orderNo}
        </Link>
        <StatusBadge status={summary.status} />
      </div>
      <div className="small muted">
        {summary.customerName} · updated {formatDateTime(summary.updatedAt)}
      </div>
    </li>
  );
}

import { Link } from '@tanstack/react-router';

/** Plain words for each status, for staff and for the customer page alike. */
export const STATUS_LABELS: Record<string, string> = {
  INFO_REQUIRED: 'Info required',
  PENDING_REVIEW: 'Pending review',
  PENDING_APPROVAL: 'Pending approval',
  PENDING_DISPATCH: 'Pending dispatch',
  ASSIGNED: 'Assigned',
  ACCEPTED: 'Accepted',
  ON_SITE: 'On site',
  PENDING_QUOTE: 'Waiting for the quote answer',
  IN_PROGRESS: 'In progress',
  PENDING_QC: 'Pending QC',
  PENDING_ACCEPTANCE: 'Waiting for the customer',
  REWORK: 'Rework',
  COMPLETED: 'Completed (to settle)',
  CLOSED: 'Closed',
  CANCELLED: 'Cancelled',
  REJECTED: 'Rejected',
};

const TONE: Record<string, string> = {
  CLOSED: 'ok',
  COMPLETED: 'ok',
  CANCELLED: 'bad',
  REJECTED: 'bad',
  REWORK: 'warn',
  INFO_REQUIRED: 'warn',
  PENDING_QUOTE: 'warn',
};

export function StatusBadge({ status }: { status: string }) {
  return (
    <span className={`badge ${TONE[status] ?? ''}`} data-status={status}>
      {STATUS_LABELS[status] ?? status}
    </span>
  );
}

export function PriorityBadge({ priority }: { priority: string }) {
  const tone = priority === 'URGENT' ? 'bad' : priority === 'HIGH' ? 'warn' : '';
  return <span className={`badge ${tone}`}>{priority.toLowerCase()}</span>;
}

/** A link to the order's page, by its number. */
export function OrderLink({ orderNo }: { orderNo: string }) {
  return (
    <Link to="/orders/$orderNo" params={{ orderNo }}>
      {orderNo}
    </Link>
  );
}

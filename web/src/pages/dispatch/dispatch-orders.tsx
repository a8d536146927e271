import { ErrorMessage } from '../../components/forms';
import { OrderLink, PriorityBadge, StatusBadge } from '../../components/status';
import { Countdown } from '../../components/time';
import type { OrdersInStatuses, OrderSummary } from './order-queries';

/**
 * One column of orders on the board, most urgent first; each row's button opens the candidate panel
 * for it (`actionLabel`: "Assign" for the waiting, "Reassign" for the assigned).
 */
export function DispatchOrderList({
  title,
  headingId,
  list,
  emptyText,
  actionLabel,
  deadlineLabel,
  selectedOrderNo,
  technicianNames,
  onSelect,
}: {
  title: string;
  headingId: string;
  list: OrdersInStatuses;
  emptyText: string;
  actionLabel: string;
  deadlineLabel: string;
  selectedOrderNo: string | undefined;
  technicianNames: ReadonlyMap<string, string>;
  onSelect: (orderNo: string) => void;
}) {
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>
        {title} {!list.isPending && <span className="badge">{list.orders.length}</span>}
      </h2>
      {list.isPending && <p className="empty">Loading orders…</p>}
      <ErrorMessage error={list.error} />
      {!list.isPending && !list.error && list.orders.length === 0 && <p className="empty">{emptyText}</p>}
      {list.truncated && <p className="small muted">Showing the newest 100 per status; narrow the filter.</p>}
      {list.orders.length > 0 && (
        <ul className="dispatch-orders">
          {list.orders.map((order) => (
            <DispatchOrderRow
              key={order.orderNo}
              order={order}
              selected={order.orderNo === selectedOrderNo}
              actionLabel={actionLabel}
              deadlineLabel={deadlineLabel}
              technicianName={order.technicianId ? technicianNames.get(order.technicianId) : undefined}
              onSelect={() => onSelect(order.orderNo)}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

function DispatchOrderRow({
  order,
  selected,
  actionLabel,
  deadlineLabel,
  technicianName,
  onSelect,
}: {
  order: OrderSummary;
  selected: boolean;
  actionLabel: string;
  deadlineLabel: string;
  technicianName: string | undefined;
  onSelect: () => void;
}) {
  return (
    <li className={`dispatch-order ${selected ? 'selected' : ''}`} data-order-no={order.orderNo}>
      <div className="row">
        <OrderLink orderNo={order.orderNo} />
        <PriorityBadge priority={order.priority} />
        {order.status !== 'PENDING_DISPATCH' && <StatusBadge status={order.status} />}
      </div>
      <button
        type="button"
        className={`dispatch-row-action ${selected ? 'primary' : ''}`}
        aria-pressed={selected}
        aria-label={`${actionLabel} ${order.orderNo}`}
        onClick={onSelect}
      >
        {actionLabel}
      </button>
      <div className="small">
        {order.customerName} · {order.type.toLowerCase()} · {order.region ?? 'no region'}
        {order.technicianId && <> · {technicianName ?? 'technician'}</>}
      </div>
      {order.nextDeadline && (
        <div className="small" data-testid="dispatch-deadline">
          {deadlineLabel} <Countdown dueAt={order.nextDeadline} />
        </div>
      )}
    </li>
  );
}

// What the order is and where it stands: the header facts, its details, escalations and parts requests.
import { COVERAGE_LABELS, DEFAULT_DISPATCH_MODE } from '../../../components/vocabulary';
import type { ReactNode } from 'react';
import type { Claims } from '../../../auth/session';
import { OrderLink, PriorityBadge, StatusBadge } from '../../../components/status';
import { formatDateTime } from '../../../components/time';
import { formatMoney } from '../../../../../src/domain/money';
import { EscalationLevel } from './deadlines';
import { formatAmount, humanize, MILESTONE_LABELS, stageLabel, type OrderRead } from './labels';
import { personName, type PeopleNames } from './people';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="order-fact">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

export function appointmentText(appointment: { start: string; end: string } | undefined): string {
  if (!appointment) return 'none';
  return `${formatDateTime(appointment.start)} – ${formatDateTime(appointment.end)}`;
}

export function OrderHeader({
  order,
  names,
  claims,
}: {
  order: OrderRead;
  names: PeopleNames;
  claims: Claims | null;
}) {
  const { details } = order;
  const { customer, equipment } = details;
  return (
    <header className="card order-header">
      <div className="row">
        <h1>{order.orderNo}</h1>
        <StatusBadge status={order.status} />
        <PriorityBadge priority={details.priority} />
        {details.isWarranty && <span className="badge">warranty</span>}
      </div>
      <dl className="order-facts">
        <Fact label="Type">{humanize(details.type)}</Fact>
        <Fact label="Customer">
          {customer.name}
          {customer.vip && <span className="badge warn">VIP</span>}
          <div className="small">
            <a href={`tel:${customer.phone.replace(/[^+\d]/g, '')}`}>{customer.phone}</a>
          </div>
          <div className="small muted">
            {customer.address} · {customer.zone === 'IN_CITY' ? 'in city' : 'out of city'}
            {customer.region ? ` · region ${customer.region}` : ''}
          </div>
        </Fact>
        <Fact label="Equipment">
          {equipment?.model || equipment?.serialNumber ? (
            <>
              {equipment.model ?? '—'}
              <div className="small muted">
                {equipment.serialNumber ? `serial ${equipment.serialNumber}` : 'no serial number'}
                {equipment.purchaseDate ? ` · bought ${equipment.purchaseDate}` : ''}
              </div>
            </>
          ) : (
            'none'
          )}
        </Fact>
        <Fact label="Appointment">{appointmentText(details.appointment)}</Fact>
        <Fact label="Technician">
          {personName(order.technicianId, names, claims, order.technicianId ? 'assigned' : 'none yet')}
        </Fact>
        <Fact label="Milestone">{order.milestone ? MILESTONE_LABELS[order.milestone] : '—'}</Fact>
        <Fact label="Rework round">{order.reworkRound}</Fact>
        <Fact label="Amount">
          {order.pricing?.basis ? (
            <>
              {formatMoney(order.pricing.approvedTotal, order.pricing.basis.currency)}
              <div className="small muted">approved on quotes</div>
            </>
          ) : (
            formatAmount(details.totalAmount)
          )}
        </Fact>
        <Fact label="Coverage">
          {details.coverage ? (
            <>
              {COVERAGE_LABELS[details.coverage.coverage]}
              <div className="small muted" data-testid="coverage-reason">
                {details.coverage.reason}
                {details.coverage.overriddenBy
                  ? ` (overridden by ${details.coverage.overriddenBy.name})`
                  : ''}
              </div>
            </>
          ) : (
            '—'
          )}
        </Fact>
      </dl>
      {details.parentOrderNo && (
        <p className="small">
          Warranty claim on <OrderLink orderNo={details.parentOrderNo} />
        </p>
      )}
    </header>
  );
}

export function OrderDetails({ order }: { order: OrderRead }) {
  const { details, tracks } = order;
  return (
    <div className="stack">
      <p className="order-fault">{details.faultDescription}</p>
      {order.problems.length > 0 && (
        <div className="error-message">
          <strong>Missing or wrong information</strong>
          <ul>
            {order.problems.map((problem) => (
              <li key={`${problem.field}:${problem.problem}`}>
                {problem.field}: {problem.problem}
              </li>
            ))}
          </ul>
        </div>
      )}
      {order.approvalReasons.length > 0 && <ApprovalReasons reasons={order.approvalReasons} />}
      {order.cancelReason && <p>Cancelled: {order.cancelReason}</p>}
      <div className="table-wrap">
        <table>
          <caption className="order-caption">Service items</caption>
          <thead>
            <tr>
              <th>Code</th>
              <th>Description</th>
              <th>Quantity</th>
              <th>Unit price</th>
            </tr>
          </thead>
          <tbody>
            {details.serviceItems.length === 0 && (
              <tr>
                <td colSpan={4} className="muted">
                  None agreed at intake{order.pricing ? ': the work is priced on site' : ''}
                </td>
              </tr>
            )}
            {details.serviceItems.map((item, index) => (
              <tr key={`${item.code}-${index}`}>
                <td>{item.code}</td>
                <td>{item.description}</td>
                <td>{item.quantity}</td>
                <td>{formatAmount(item.unitPrice)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <dl className="order-facts">
        <Fact label="Channel">{humanize(details.channel)}</Fact>
        <Fact label="Dispatch mode">{humanize(details.dispatchMode ?? DEFAULT_DISPATCH_MODE)}</Fact>
        <Fact label="Required skills">
          {details.requiredSkills?.length ? details.requiredSkills.join(', ') : 'none'}
        </Fact>
        <Fact label="Payment method">{details.paymentMethod ?? '—'}</Fact>
        <Fact label="Created">
          {formatDateTime(order.createdAt)}
          {order.createdBy.name ? ` by ${order.createdBy.name}` : ''}
        </Fact>
        <Fact label="Customer chases">{order.chaseCount}</Fact>
        {order.completedAt && <Fact label="Completed">{formatDateTime(order.completedAt)}</Fact>}
        {order.rating !== null && <Fact label="Rating">{order.rating} / 5</Fact>}
        {order.completedAt && (
          <Fact label="After completion">
            callback {humanize(tracks.callback).toLowerCase()} · feedback{' '}
            {humanize(tracks.feedback).toLowerCase()} · settlement {humanize(tracks.settlement).toLowerCase()}
          </Fact>
        )}
        {order.feedbackCase && (
          <Fact label="Feedback case">
            {humanize(order.feedbackCase.category)}, {order.feedbackCase.status.toLowerCase()}
            {order.feedbackCase.resolution ? `: ${order.feedbackCase.resolution}` : ''}
          </Fact>
        )}
        {order.closedAt && <Fact label="Closed">{formatDateTime(order.closedAt)}</Fact>}
      </dl>
      {order.partsUsed.length > 0 && (
        <p className="small">
          Parts used:{' '}
          {order.partsUsed
            .map(
              (part) =>
                `${part.code} × ${part.quantity}${part.warranty ? ` (warranty ${part.warranty})` : ''}`,
            )
            .join(', ')}
        </p>
      )}
    </div>
  );
}

/** Why the order needs a supervisor's approval (the policy rule that matched). */
export function ApprovalReasons({ reasons }: { reasons: string[] }) {
  return (
    <div className="order-approval-reasons">
      <strong>Needs approval because</strong>
      <ul>
        {reasons.map((reason) => (
          <li key={reason}>{reason}</li>
        ))}
      </ul>
    </div>
  );
}

export function EscalationsList({ escalations }: { escalations: OrderRead['escalations'] }) {
  if (escalations.length === 0) return <p className="empty">No escalations.</p>;
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            <th>Stage</th>
            <th>Level</th>
            <th>Was due</th>
            <th>Fired</th>
          </tr>
        </thead>
        <tbody>
          {escalations.map((escalation) => (
            <tr key={`${escalation.stageKey}-${escalation.level}`}>
              <td>{stageLabel(escalation.stage)}</td>
              <td>
                <EscalationLevel level={escalation.level} />
              </td>
              <td className="order-when">{formatDateTime(escalation.dueAt)}</td>
              <td className="order-when">{formatDateTime(escalation.firedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function PartsRequestsTable({ requests }: { requests: OrderRead['partsRequests'] }) {
  if (requests.length === 0) return <p className="empty">No parts requested.</p>;
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            <th>Parts</th>
            <th>Requested</th>
            <th>Received</th>
          </tr>
        </thead>
        <tbody>
          {requests.map((request) => (
            <tr key={request.id}>
              <td>{request.items.map((item) => `${item.code} × ${item.quantity}`).join(', ')}</td>
              <td className="order-when">{formatDateTime(request.requestedAt)}</td>
              <td>
                {request.receivedAt ? (
                  formatDateTime(request.receivedAt)
                ) : (
                  <span className="badge warn">waiting</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { $api, idempotencyKey } from '../../api/client';
import { ErrorMessage } from '../../components/forms';
import { OrderLink, PriorityBadge, StatusBadge } from '../../components/status';
import { Countdown, formatDateTime } from '../../components/time';
import { useCandidates, type Candidate, type ScoreBreakdown } from './candidates';
import { useStaffOrder, type StaffOrder } from './order-queries';

/**
 * The selected order: who could take it, ranked, with why; "Assign" per eligible technician and
 * "Assign automatically" (the server picks, by the same scoring).
 */
export function CandidatePanel({
  orderNo,
  technicianNames,
  onClose,
}: {
  orderNo: string;
  technicianNames: ReadonlyMap<string, string>;
  onClose: () => void;
}) {
  const order = useStaffOrder(orderNo);
  const candidates = useCandidates(orderNo);
  const queryClient = useQueryClient();
  const [assignedTo, setAssignedTo] = useState<string | null>(null);
  const assign = $api.useMutation('post', '/api/orders/{orderNo}/assignment', {
    onSuccess: (view) => {
      setAssignedTo(view.technicianId);
      void queryClient.invalidateQueries();
    },
  });

  const allowed = order.data?.allowedActions ?? [];
  const canAssign = allowed.includes('ASSIGN') || allowed.includes('REASSIGN');
  const isReassign = allowed.includes('REASSIGN');
  const panel = useRef<HTMLElement>(null);
  // Stacked on a small screen, the panel opens below the lists: bring it into view.
  useEffect(() => {
    const top = panel.current?.getBoundingClientRect().top ?? 0;
    if (top > window.innerHeight * 0.6) panel.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }, []);
  const pendingFor = assign.isPending ? (assign.variables.body.technicianId ?? 'auto') : null;

  function submit(technicianId?: string) {
    setAssignedTo(null);
    assign.mutate({
      params: { path: { orderNo } },
      body: technicianId ? { technicianId } : {},
      headers: { 'Idempotency-Key': idempotencyKey() },
    });
  }

  return (
    <section ref={panel} className="card dispatch-panel" aria-labelledby="candidates-heading">
      <div className="row">
        <h2 id="candidates-heading">
          {isReassign ? 'Reassign' : 'Assign'} {orderNo}
        </h2>
        <span className="spacer" />
        <button type="button" className="link" onClick={onClose}>
          Close
        </button>
      </div>

      {order.isPending && <p className="empty">Loading the order…</p>}
      <ErrorMessage error={order.error} />
      {order.data && <OrderFacts order={order.data} technicianNames={technicianNames} />}

      {order.data && !canAssign && (
        <p className="muted">
          This order cannot be assigned now ({order.data.status.toLowerCase().replace(/_/g, ' ')}).
        </p>
      )}

      <h3>Candidates</h3>
      {candidates.isPending && <p className="empty">Scoring the technicians…</p>}
      <ErrorMessage error={candidates.error} />
      {candidates.data && <p className="dispatch-explanation">{candidates.data.explanation}</p>}
      <div className="row">
        <button
          type="button"
          className="primary"
          disabled={!canAssign || assign.isPending}
          onClick={() => submit()}
        >
          {pendingFor === 'auto' ? 'Assigning…' : 'Assign automatically'}
        </button>
        <span className="small muted">the server picks the best eligible technician</span>
      </div>
      {assignedTo !== null && (
        <p className="notice" role="status">
          {orderNo} assigned to {technicianNames.get(assignedTo) ?? assignedTo}.
        </p>
      )}
      <ErrorMessage error={assign.error} />

      {candidates.data &&
        (candidates.data.candidates.length === 0 ? (
          <p className="empty">No technicians to weigh.</p>
        ) : (
          <ol className="dispatch-candidates">
            {candidates.data.candidates.map((candidate) => (
              <CandidateRow
                key={candidate.id}
                candidate={candidate}
                isCurrent={candidate.id === order.data?.technicianId}
                canAssign={canAssign && !assign.isPending}
                isPending={pendingFor === candidate.id}
                onAssign={() => submit(candidate.id)}
              />
            ))}
          </ol>
        ))}
    </section>
  );
}

function OrderFacts({
  order,
  technicianNames,
}: {
  order: StaffOrder;
  technicianNames: ReadonlyMap<string, string>;
}) {
  const { details } = order;
  const dispatchDeadline = order.deadlines.find((deadline) => deadline.stage === 'DISPATCH');
  return (
    <dl className="dispatch-facts">
      <dt>Order</dt>
      <dd className="row">
        <OrderLink orderNo={order.orderNo} />
        <StatusBadge status={order.status} />
        <PriorityBadge priority={details.priority} />
      </dd>
      <dt>Customer</dt>
      <dd>
        {details.customer.name}, {details.customer.address}
        {details.customer.region && <span className="muted"> · region {details.customer.region}</span>}
      </dd>
      <dt>Skills</dt>
      <dd>{details.requiredSkills?.length ? details.requiredSkills.join(', ') : 'none required'}</dd>
      <dt>Appointment</dt>
      <dd>{details.appointment ? formatDateTime(details.appointment.start) : '—'}</dd>
      {order.technicianId && (
        <>
          <dt>Technician</dt>
          <dd>{technicianNames.get(order.technicianId) ?? order.technicianId}</dd>
        </>
      )}
      {dispatchDeadline?.dueAt && (
        <>
          <dt>Dispatch due</dt>
          <dd>
            <Countdown dueAt={dispatchDeadline.dueAt} paused={dispatchDeadline.paused} />
          </dd>
        </>
      )}
    </dl>
  );
}

function CandidateRow({
  candidate,
  isCurrent,
  canAssign,
  isPending,
  onAssign,
}: {
  candidate: Candidate;
  isCurrent: boolean;
  canAssign: boolean;
  isPending: boolean;
  onAssign: () => void;
}) {
  return (
    <li
      className={`dispatch-candidate ${candidate.eligible ? '' : 'rejected'}`}
      data-candidate={candidate.id}
    >
      <div className="row">
        <strong>{candidate.name}</strong>
        {isCurrent && <span className="badge">current</span>}
        {candidate.eligible ? (
          <span className="badge ok">{candidate.score ?? 0} / 100</span>
        ) : (
          <span className="badge bad">not eligible</span>
        )}
      </div>
      {candidate.eligible && !isCurrent && (
        <button
          type="button"
          className="dispatch-row-action"
          disabled={!canAssign}
          onClick={onAssign}
          aria-label={`Assign ${candidate.name}`}
        >
          {isPending ? 'Assigning…' : 'Assign'}
        </button>
      )}
      {candidate.rejectedBecause && <p className="small dispatch-reason">{candidate.rejectedBecause}</p>}
      {candidate.breakdown && <ScoreBar breakdown={candidate.breakdown} distanceKm={candidate.distanceKm} />}
      {!candidate.breakdown && candidate.distanceKm !== undefined && (
        <p className="small muted">{candidate.distanceKm} km away</p>
      )}
    </li>
  );
}

const FACTORS = ['region', 'distance', 'load'] as const;

/** The score as its three parts, each a segment of a 100-point bar, with the numbers spelled out. */
function ScoreBar({ breakdown, distanceKm }: { breakdown: ScoreBreakdown; distanceKm?: number }) {
  return (
    <div className="dispatch-score">
      <div className="dispatch-score-bar" aria-hidden="true">
        {FACTORS.map((factor) => (
          <span key={factor} className={factor} style={{ width: `${breakdown[factor]}%` }} />
        ))}
      </div>
      <p className="small muted">
        region {breakdown.region} · distance {breakdown.distance}
        {distanceKm !== undefined && ` (${distanceKm} km)`} · load {breakdown.load}
        <span> — {breakdown.priority.toLowerCase()} priority weights</span>
      </p>
    </div>
  );
}

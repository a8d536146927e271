// The office's actions on an order: completing information, review, assignment, chases, cancellation.
import { Link } from '@tanstack/react-router';
import { $api } from '../../../api/client';
import { apiErrorOf, ErrorMessage, Field, formString } from '../../../components/forms';
import { COVERAGE_LABELS, COVERAGES, type Coverage } from '../../../components/vocabulary';
import { ActionForm, commandInit, submission } from './action-form';
import type { OrderAction, OrderRead } from './labels';
import { useCommandDone } from './use-order';

/** Supplying missing information is the intake queue's form; the page says what is missing and links there. */
export function SupplyInfoCard({ order }: { order: OrderRead }) {
  return (
    <section className="card order-action" aria-labelledby="supply-info-heading">
      <h3 id="supply-info-heading">Supply missing information</h3>
      {order.problems.length > 0 ? (
        <ul className="small">
          {order.problems.map((problem) => (
            <li key={`${problem.field}:${problem.problem}`}>
              <code>{problem.field}</code>: {problem.problem}
            </li>
          ))}
        </ul>
      ) : (
        <p className="small muted">The order is waiting for more information.</p>
      )}
      <Link to="/queues">Complete it in the queues</Link>
    </section>
  );
}

const REVIEW_DECISIONS = [
  {
    action: 'REVIEW_APPROVE',
    decision: 'APPROVE',
    label: 'Approve',
    className: 'primary',
    done: 'Review approved.',
  },
  {
    action: 'REVIEW_RETURN',
    decision: 'RETURN',
    label: 'Return for info',
    className: '',
    done: 'Returned for information.',
  },
  { action: 'REVIEW_REJECT', decision: 'REJECT', label: 'Reject', className: 'danger', done: 'Rejected.' },
] as const;

export function ReviewForm({ order }: { order: OrderRead }) {
  const review = $api.useMutation('post', '/api/orders/{orderNo}/review');
  const done = useCommandDone();
  const error = apiErrorOf(review.error);
  const decisions = REVIEW_DECISIONS.filter((option) => order.allowedActions.includes(option.action));
  return (
    <ActionForm
      title="Review"
      error={review.error}
      shownFields={['note', 'decision']}
      onSubmit={(event) => {
        const { form, choice } = submission(event);
        const chosen = decisions.find((option) => option.decision === choice) ?? decisions[0];
        if (!chosen) return;
        review.mutate(
          commandInit(order.orderNo, { decision: chosen.decision, note: formString(form, 'note') }),
          {
            onSuccess: (view) => done({ message: chosen.done, revision: view.revision }),
          },
        );
      }}
      buttons={decisions.map((option) => (
        <button
          key={option.decision}
          type="submit"
          name="decision"
          value={option.decision}
          className={option.className}
          disabled={review.isPending}
        >
          {option.label}
        </button>
      ))}
    >
      <Field
        label="Note"
        name="note"
        error={error}
        hint="Say what is missing when returning, why when rejecting"
      >
        <textarea name="note" rows={2} />
      </Field>
    </ActionForm>
  );
}

/** ASSIGN and REASSIGN: a technician from the workload list, or the automatic choice. */
export function AssignForm({
  order,
  action,
}: {
  order: OrderRead;
  action: Extract<OrderAction, 'ASSIGN' | 'REASSIGN'>;
}) {
  const assignment = $api.useMutation('post', '/api/orders/{orderNo}/assignment');
  const technicians = $api.useQuery('get', '/api/technicians/workload', {}, { refetchInterval: 10_000 });
  const done = useCommandDone();
  const error = apiErrorOf(assignment.error);
  const reassign = action === 'REASSIGN';
  return (
    <ActionForm
      title={reassign ? 'Reassignment' : 'Assignment'}
      description={
        reassign
          ? 'Give the order to another technician.'
          : 'Choose who does the work, or let the system choose.'
      }
      error={assignment.error}
      shownFields={['technicianId']}
      onSubmit={(event) => {
        const { form } = submission(event);
        const technicianId = formString(form, 'technicianId');
        assignment.mutate(commandInit(order.orderNo, technicianId ? { technicianId } : {}), {
          onSuccess: (view) =>
            done({ message: reassign ? 'Reassigned.' : 'Assigned.', revision: view.revision }),
        });
      }}
      buttons={
        <button type="submit" className="primary" disabled={assignment.isPending}>
          {reassign ? 'Reassign' : 'Assign'}
        </button>
      }
    >
      <Field label="Technician" name="technicianId" error={error}>
        <select name="technicianId" defaultValue="">
          <option value="">Automatic (the system chooses)</option>
          {(technicians.data ?? []).map((technician) => {
            const notes = [
              `${technician.openOrders}/${technician.capacity} open`,
              technician.region,
              technician.skills.join(', '),
              technician.technicianId === order.technicianId ? 'assigned now' : null,
              order.excludedTechnicianIds.includes(technician.technicianId)
                ? 'declined or timed out here'
                : null,
              technician.active ? null : 'away',
            ].filter(Boolean);
            return (
              <option
                key={technician.technicianId}
                value={technician.technicianId}
                disabled={!technician.active}
              >
                {technician.displayName} ({notes.join(' · ')})
              </option>
            );
          })}
        </select>
      </Field>
      {technicians.isLoading && <p className="small muted">Loading technicians…</p>}
      {technicians.error && <ErrorMessage error={technicians.error} />}
    </ActionForm>
  );
}

export function ChaseForm({ order }: { order: OrderRead }) {
  const chase = $api.useMutation('post', '/api/orders/{orderNo}/chase');
  const done = useCommandDone();
  const error = apiErrorOf(chase.error);
  return (
    <ActionForm
      title="Customer chase"
      description={
        order.chaseCount > 0
          ? `The customer has chased ${order.chaseCount} time${order.chaseCount === 1 ? '' : 's'}.`
          : 'The technician must then contact the customer within the chase-response time.'
      }
      error={chase.error}
      shownFields={['note']}
      onSubmit={(event) => {
        const { form } = submission(event);
        const target = event.currentTarget;
        chase.mutate(commandInit(order.orderNo, { note: formString(form, 'note') ?? '' }), {
          onSuccess: (view) => {
            target.reset();
            done({ message: 'Chase logged.', revision: view.revision });
          },
        });
      }}
      buttons={
        <button type="submit" className="primary" disabled={chase.isPending}>
          Log chase
        </button>
      }
    >
      <Field label="Note" name="note" error={error} hint="What the customer said">
        <textarea name="note" rows={2} />
      </Field>
    </ActionForm>
  );
}

export function CancelForm({ order }: { order: OrderRead }) {
  const cancel = $api.useMutation('post', '/api/orders/{orderNo}/cancel');
  const done = useCommandDone();
  const error = apiErrorOf(cancel.error);
  return (
    <ActionForm
      title="Cancel the order"
      description="Stops every deadline. This cannot be undone."
      error={cancel.error}
      shownFields={['reason']}
      onSubmit={(event) => {
        const { form } = submission(event);
        cancel.mutate(commandInit(order.orderNo, { reason: formString(form, 'reason') ?? '' }), {
          onSuccess: (view) => done({ message: 'Order cancelled.', revision: view.revision }),
        });
      }}
      buttons={
        <button type="submit" className="danger" disabled={cancel.isPending}>
          Cancel order
        </button>
      }
    >
      <Field label="Reason" name="reason" error={error}>
        <textarea name="reason" rows={2} />
      </Field>
    </ActionForm>
  );
}

/** A supervisor corrects who pays (a contract found later, damage the warranty does not cover). */
export function CoverageOverrideForm({ order }: { order: OrderRead }) {
  const override = $api.useMutation('post', '/api/orders/{orderNo}/coverage-override');
  const done = useCommandDone();
  const error = apiErrorOf(override.error);
  const current = order.details.coverage?.coverage ?? 'PAID';
  return (
    <ActionForm
      title="Override coverage"
      description="Who pays for the work; the reason goes on the timeline. Possible until the order is settled."
      error={override.error}
      shownFields={['coverage', 'reason']}
      onSubmit={(event) => {
        const { form } = submission(event);
        override.mutate(
          commandInit(order.orderNo, {
            coverage: (formString(form, 'coverage') ?? current) as Coverage,
            reason: formString(form, 'reason') ?? '',
          }),
          { onSuccess: (view) => done({ message: 'Coverage changed.', revision: view.revision }) },
        );
      }}
      buttons={
        <button type="submit" disabled={override.isPending}>
          Override coverage
        </button>
      }
    >
      <Field label="Coverage" name="coverage" error={error}>
        <select name="coverage" defaultValue={current}>
          {COVERAGES.map((coverage) => (
            <option key={coverage} value={coverage}>
              {COVERAGE_LABELS[coverage]}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Reason" name="reason" error={error}>
        <textarea name="reason" rows={2} />
      </Field>
    </ActionForm>
  );
}

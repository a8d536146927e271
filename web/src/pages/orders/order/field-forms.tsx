// The technician's actions, used on a phone: accept or decline, contact, check in, progress, parts,
// completion.
import { useState } from 'react';
import { $api, idempotencyKey, type ApiError, type Schemas } from '../../../api/client';
import { approvalLimit } from '../../../../../src/domain/pricing';
import { apiErrorOf, ErrorMessage, Field, formNumber, formString } from '../../../components/forms';
import { formatDateTime } from '../../../components/time';
import {
  ActionForm,
  AppointmentFields,
  appointmentFrom,
  commandInit,
  PartLines,
  partLinesFrom,
  selfBoughtFrom,
  submission,
} from './action-form';
import { MILESTONE_LABELS, MILESTONES, type OrderRead } from './labels';
import { ReplacedPartLines, replacedPartsFrom } from './priced-forms';
import { MinorAmounts, moneyIn, orderCurrency, useOrderCatalogue } from './pricing-basis';
import { useCommandDone } from './use-order';

export function TechnicianResponseForm({ order }: { order: OrderRead }) {
  const response = $api.useMutation('post', '/api/orders/{orderNo}/technician-response');
  const done = useCommandDone();
  const error = apiErrorOf(response.error);
  const canDecline = order.allowedActions.includes('TECHNICIAN_DECLINE');
  return (
    <ActionForm
      title="Respond to the assignment"
      description="Accept the order, or decline it with a reason so that it goes back to dispatch."
      error={response.error}
      shownFields={['reason', 'decision']}
      onSubmit={(event) => {
        const { form, choice } = submission(event);
        const decision = choice === 'DECLINE' ? 'DECLINE' : 'ACCEPT';
        const body: Schemas['RespondToAssignmentDto'] =
          decision === 'DECLINE' ? { decision, reason: formString(form, 'reason') ?? '' } : { decision };
        response.mutate(commandInit(order.orderNo, body), {
          onSuccess: (view) =>
            done({ message: decision === 'ACCEPT' ? 'Accepted.' : 'Declined.', revision: view.revision }),
        });
      }}
      buttons={
        <>
          {order.allowedActions.includes('TECHNICIAN_ACCEPT') && (
            <button
              type="submit"
              name="decision"
              value="ACCEPT"
              className="primary"
              disabled={response.isPending}
            >
              Accept
            </button>
          )}
          {canDecline && (
            <button
              type="submit"
              name="decision"
              value="DECLINE"
              className="danger"
              disabled={response.isPending}
            >
              Decline
            </button>
          )}
        </>
      }
    >
      {canDecline && (
        <Field label="Reason" name="reason" error={error} hint="Needed only to decline">
          <textarea name="reason" rows={2} />
        </Field>
      )}
    </ActionForm>
  );
}

export function ContactForm({ order }: { order: OrderRead }) {
  const contact = $api.useMutation('post', '/api/orders/{orderNo}/contact');
  const done = useCommandDone();
  const error = apiErrorOf(contact.error);
  return (
    <ActionForm
      title="Log contact with the customer"
      error={contact.error}
      shownFields={['note', 'appointment.start', 'appointment.end']}
      onSubmit={(event) => {
        const { form } = submission(event);
        const target = event.currentTarget;
        const appointment = appointmentFrom(form);
        contact.mutate(
          commandInit(order.orderNo, {
            note: formString(form, 'note') ?? '',
            ...(appointment ? { appointment } : {}),
          }),
          {
            onSuccess: (view) => {
              target.reset();
              done({ message: 'Contact logged.', revision: view.revision });
            },
          },
        );
      }}
      buttons={
        <button type="submit" className="primary" disabled={contact.isPending}>
          Log contact
        </button>
      }
    >
      <Field label="Note" name="note" error={error} hint="What was agreed with the customer">
        <textarea name="note" rows={2} />
      </Field>
      <AppointmentFields error={error} legend="New appointment (only if rescheduled with the customer)" />
    </ActionForm>
  );
}

type Position = { lat: number; lng: number };
type Locating = { state: 'idle' } | { state: 'locating' } | { state: 'failed'; reason: string };

function positionFailure(error: GeolocationPositionError): string {
  if (error.code === error.PERMISSION_DENIED)
    return 'This device did not allow the app to read its position.';
  if (error.code === error.TIMEOUT) return 'The position took too long to find.';
  return 'The position is not available right now.';
}

/** Reads the device's position for the check-in, or says in words why it cannot. */
function currentPosition(): Promise<Position | { failed: string }> {
  if (!('geolocation' in navigator))
    return Promise.resolve({ failed: 'This device cannot tell its position.' });
  return new Promise((resolve) => {
    navigator.geolocation.getCurrentPosition(
      (position) => resolve({ lat: position.coords.latitude, lng: position.coords.longitude }),
      (error) => resolve({ failed: positionFailure(error) }),
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  });
}

/** Check-in sends the device's position (the server flags one far from the customer); without it on request. */
export function CheckInForm({ order }: { order: OrderRead }) {
  const checkIn = $api.useMutation('post', '/api/orders/{orderNo}/check-in');
  const done = useCommandDone();
  const [locating, setLocating] = useState<Locating>({ state: 'idle' });

  const send = (position: Position | null) =>
    checkIn.mutate(commandInit(order.orderNo, position ?? {}), {
      onSuccess: (view) =>
        done({
          message: position ? 'Checked in with your position.' : 'Checked in without a position.',
          revision: view.revision,
        }),
    });

  return (
    <ActionForm
      title="Check in on site"
      description="Your position is sent with the check-in; one far from the customer's address is flagged."
      error={checkIn.error}
      shownFields={['lat', 'lng']}
      onSubmit={(event) => {
        const { choice } = submission(event);
        if (choice === 'WITHOUT_POSITION') {
          send(null);
          return;
        }
        setLocating({ state: 'locating' });
        void currentPosition().then((result) => {
          if ('failed' in result) {
            setLocating({ state: 'failed', reason: result.failed });
            return;
          }
          setLocating({ state: 'idle' });
          send(result);
        });
      }}
      buttons={
        <>
          <button
            type="submit"
            name="how"
            value="WITH_POSITION"
            className="primary"
            disabled={checkIn.isPending || locating.state === 'locating'}
          >
            {locating.state === 'locating' ? 'Finding your position…' : 'Check in'}
          </button>
          {locating.state === 'failed' && (
            <button type="submit" name="how" value="WITHOUT_POSITION" disabled={checkIn.isPending}>
              Send without position
            </button>
          )}
        </>
      }
    >
      {locating.state === 'failed' && (
        <p className="error-message" role="alert">
          {locating.reason} Allow location access and try again, or send the check-in without a position (the
          dispatcher sees that it came without one).
        </p>
      )}
    </ActionForm>
  );
}

export function ProgressForm({ order }: { order: OrderRead }) {
  const progress = $api.useMutation('post', '/api/orders/{orderNo}/progress');
  const done = useCommandDone();
  const error = apiErrorOf(progress.error);
  return (
    <ActionForm
      title="Report progress"
      error={progress.error}
      shownFields={['milestone', 'note', 'attachments']}
      onSubmit={(event) => {
        const { form } = submission(event);
        const target = event.currentTarget;
        const milestone = MILESTONES.find((option) => option === form.get('milestone')) ?? 'IN_PROGRESS';
        const attachments = String(form.get('attachments') ?? '')
          .split('\n')
          .map((line) => line.trim())
          .filter(Boolean);
        progress.mutate(
          commandInit(order.orderNo, {
            milestone,
            note: formString(form, 'note') ?? '',
            ...(attachments.length ? { attachments } : {}),
          }),
          {
            onSuccess: (view) => {
              target.reset();
              done({ message: 'Progress reported.', revision: view.revision });
            },
          },
        );
      }}
      buttons={
        <button type="submit" className="primary" disabled={progress.isPending}>
          Report progress
        </button>
      }
    >
      <Field label="Milestone" name="milestone" error={error}>
        <select name="milestone" defaultValue={order.milestone ?? 'IN_PROGRESS'}>
          {MILESTONES.map((milestone) => (
            <option key={milestone} value={milestone}>
              {MILESTONE_LABELS[milestone]}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Note" name="note" error={error}>
        <textarea name="note" rows={2} />
      </Field>
      <Field
        label="Attachments"
        name="attachments"
        error={error}
        hint="Optional: photo or document links, one a line"
      >
        <textarea name="attachments" rows={2} />
      </Field>
    </ActionForm>
  );
}

export function PartsRequestForm({ order }: { order: OrderRead }) {
  const request = $api.useMutation('post', '/api/orders/{orderNo}/parts-requests');
  const done = useCommandDone();
  const error = apiErrorOf(request.error);
  // Remounting the lines clears them after a request went through.
  const [generation, setGeneration] = useState(0);
  return (
    <ActionForm
      title="Request parts"
      description="The order waits for the parts; the completion clock may pause meanwhile."
      error={request.error}
      shownFields={['items']}
      onSubmit={(event) => {
        const { form } = submission(event);
        const items = partLinesFrom(form).map(({ code, quantity }) => ({ code, quantity }));
        request.mutate(commandInit(order.orderNo, { items }), {
          onSuccess: (view) => {
            setGeneration(generation + 1);
            done({ message: 'Parts requested.', revision: view.revision });
          },
        });
      }}
      buttons={
        <button type="submit" className="primary" disabled={request.isPending}>
          Request parts
        </button>
      }
    >
      <PartLines key={generation} bodyPath="items" error={error} />
    </ActionForm>
  );
}

function ReceivePartsLine({
  order,
  request,
}: {
  order: OrderRead;
  request: OrderRead['partsRequests'][number];
}) {
  const receive = $api.useMutation('post', '/api/orders/{orderNo}/parts-requests/{requestId}/received');
  const done = useCommandDone();
  return (
    <li className="order-parts-line">
      <div>
        <strong>{request.items.map((item) => `${item.code} × ${item.quantity}`).join(', ')}</strong>
        <div className="small muted">requested {formatDateTime(request.requestedAt)}</div>
      </div>
      <button
        type="button"
        className="primary"
        disabled={receive.isPending}
        onClick={() =>
          receive.mutate(
            {
              params: { path: { orderNo: order.orderNo, requestId: request.id } },
              headers: { 'Idempotency-Key': idempotencyKey() },
            },
            { onSuccess: (view) => done({ message: 'Parts received.', revision: view.revision }) },
          )
        }
      >
        Parts received
      </button>
      <ErrorMessage error={receive.error} />
    </li>
  );
}

/** One "received" button per open parts request. */
export function ReceivePartsCard({ order }: { order: OrderRead }) {
  const open = order.partsRequests.filter((request) => request.receivedAt === null);
  return (
    <section className="card order-action" aria-labelledby="receive-parts-heading">
      <h3 id="receive-parts-heading">Receive parts</h3>
      {open.length === 0 ? (
        <p className="small muted">No parts request is waiting.</p>
      ) : (
        <ul className="order-parts-lines">
          {open.map((request) => (
            <ReceivePartsLine key={request.id} order={order} request={request} />
          ))}
        </ul>
      )}
    </section>
  );
}

export function CompletionForm({ order }: { order: OrderRead }) {
  const completion = $api.useMutation('post', '/api/orders/{orderNo}/completion');
  const done = useCommandDone();
  const [local, setLocal] = useState<ApiError | null>(null);
  const error = local ?? apiErrorOf(completion.error);
  const priced = order.pricing !== undefined;
  const catalogue = useOrderCatalogue(order, priced);
  const currency = orderCurrency(order, catalogue.data);
  const money = moneyIn(currency);
  const basis = order.pricing?.basis;
  const approved = order.pricing?.approvedTotal ?? 0;
  const suggestions = priced
    ? (catalogue.data?.items ?? [])
        .filter((item) => item.kind === 'PART')
        .map((item) => ({ code: item.code, label: `${item.description} (${money(item.unitPrice)})` }))
    : [];
  return (
    <ActionForm
      title="Complete the work"
      description={
        <>
          Goes to the supervisor&apos;s quality check.
          {basis && approved > 0 && (
            <>
              {' '}
              Approved {money(approved)}: with the parts used at catalogue price the final price may be up to{' '}
              {money(approvalLimit(approved, basis.quoteSettings.estimateTolerancePercent))}, else propose a
              revised quote first.
            </>
          )}
        </>
      }
      error={local ?? completion.error}
      shownFields={['summary', 'partsUsed', 'laborHours', 'replacedParts']}
      onSubmit={(event) => {
        const { form } = submission(event);
        const amounts = new MinorAmounts(currency);
        const invoices = selfBoughtFrom(form);
        const partsUsed = partLinesFrom(form)
          .map((part, row) => ({ part, invoice: invoices[row] }))
          .filter(({ part }) => part.code !== '')
          .map(({ part, invoice }, index) => {
            if (!invoice || (invoice.invoiceAmount === '' && invoice.invoiceRef === '')) return part;
            return {
              ...part,
              selfBought: {
                invoiceAmount: amounts.minor(
                  invoice.invoiceAmount,
                  `partsUsed[${index}].selfBought.invoiceAmount`,
                ),
                invoiceRef: invoice.invoiceRef,
              },
            };
          });
        const refusal = amounts.refusal();
        setLocal(refusal);
        if (refusal) {
          completion.reset();
          return;
        }
        const replacedParts = replacedPartsFrom(form);
        completion.mutate(
          commandInit(order.orderNo, {
            summary: formString(form, 'summary') ?? '',
            partsUsed,
            laborHours: formNumber(form, 'laborHours') ?? Number.NaN,
            ...(replacedParts.length > 0 ? { replacedParts } : {}),
          }),
          { onSuccess: (view) => done({ message: 'Work completed.', revision: view.revision }) },
        );
      }}
      buttons={
        <button type="submit" className="primary" disabled={completion.isPending}>
          Complete
        </button>
      }
    >
      <Field label="Summary" name="summary" error={error} hint="What was done">
        <textarea name="summary" rows={3} />
      </Field>
      <Field label="Labour hours" name="laborHours" error={error}>
        <input name="laborHours" type="number" inputMode="decimal" min={0} step={0.25} />
      </Field>
      <div className="stack">
        <span className="field-label">Parts used</span>
        <PartLines
          bodyPath="partsUsed"
          error={error}
          withWarranty
          withSelfBought={priced}
          suggestions={suggestions}
          minLines={0}
        />
      </div>
      {priced && (
        <div className="stack">
          <span className="field-label">Replaced parts</span>
          <span className="field-hint">
            Old parts taken out, for the supervisor to inspect, and what the customer wants done with them
          </span>
          <ReplacedPartLines error={error} />
        </div>
      )}
    </ActionForm>
  );
}

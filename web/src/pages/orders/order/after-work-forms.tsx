// Actions once the work is done: quality check, rework decision, return visit, feedback, settlement,
// warranty claims.
import { useState } from 'react';
import { parseAmount } from '../../../../../src/domain/money';
import { expectedSettlement, isFreeOfCharge } from '../../../../../src/domain/order';
import { $api } from '../../../api/client';
import { apiErrorOf, Field, formNumber, formString } from '../../../components/forms';
import { OrderLink } from '../../../components/status';
import { formatDateTime } from '../../../components/time';
import { ActionForm, AppointmentFields, appointmentFrom, commandInit, submission } from './action-form';
import { humanize, type OrderRead } from './labels';
import { majorText, moneyIn } from './pricing-basis';
import { useCommandDone } from './use-order';

export function QcForm({ order }: { order: OrderRead }) {
  const qc = $api.useMutation('post', '/api/orders/{orderNo}/qc');
  const done = useCommandDone();
  const error = apiErrorOf(qc.error);
  return (
    <ActionForm
      title="Quality check"
      description="Pass sends the work to the customer for acceptance; fail sends it back to the technician."
      error={qc.error}
      shownFields={['note', 'result']}
      onSubmit={(event) => {
        const { form, choice } = submission(event);
        const result = choice === 'FAIL' ? 'FAIL' : 'PASS';
        qc.mutate(commandInit(order.orderNo, { result, note: formString(form, 'note') }), {
          onSuccess: (view) =>
            done({
              message: result === 'PASS' ? 'Quality check passed.' : 'Quality check failed.',
              revision: view.revision,
            }),
        });
      }}
      buttons={
        <>
          {order.allowedActions.includes('QC_PASS') && (
            <button type="submit" name="result" value="PASS" className="primary" disabled={qc.isPending}>
              Pass QC
            </button>
          )}
          {order.allowedActions.includes('QC_FAIL') && (
            <button type="submit" name="result" value="FAIL" className="danger" disabled={qc.isPending}>
              Fail QC
            </button>
          )}
        </>
      }
    >
      <Field label="Note" name="note" error={error} hint="The reasons when failing">
        <textarea name="note" rows={2} />
      </Field>
    </ActionForm>
  );
}

/** Past the rework limit: one more round with the same technician, or a refund and close. */
export function ReworkDecisionForm({ order }: { order: OrderRead }) {
  const decision = $api.useMutation('post', '/api/orders/{orderNo}/rework-decision');
  const done = useCommandDone();
  const error = apiErrorOf(decision.error);
  return (
    <ActionForm
      title="Rework decision"
      description={`Rework round ${order.reworkRound} is past the limit. A new technician is a reassignment.`}
      error={decision.error}
      shownFields={['note', 'refundAmount', 'decision']}
      onSubmit={(event) => {
        const { form, choice } = submission(event);
        const refund = choice === 'REFUND_AND_CLOSE';
        decision.mutate(
          commandInit(
            order.orderNo,
            refund
              ? {
                  decision: 'REFUND_AND_CLOSE' as const,
                  note: formString(form, 'note') ?? '',
                  refundAmount: formNumber(form, 'refundAmount'),
                }
              : { decision: 'ANOTHER_ROUND' as const, note: formString(form, 'note') ?? '' },
          ),
          {
            onSuccess: (view) =>
              done({
                message: refund ? 'Refunded and closed.' : 'Another round opened.',
                revision: view.revision,
              }),
          },
        );
      }}
      buttons={
        <>
          {order.allowedActions.includes('REWORK_ANOTHER_ROUND') && (
            <button
              type="submit"
              name="decision"
              value="ANOTHER_ROUND"
              className="primary"
              disabled={decision.isPending}
            >
              Another round
            </button>
          )}
          {order.allowedActions.includes('REFUND_AND_CLOSE') && (
            <button
              type="submit"
              name="decision"
              value="REFUND_AND_CLOSE"
              className="danger"
              disabled={decision.isPending}
            >
              Refund and close
            </button>
          )}
        </>
      }
    >
      <Field label="Note" name="note" error={error} hint="Why; recorded on the timeline">
        <textarea name="note" rows={2} />
      </Field>
      {order.allowedActions.includes('REFUND_AND_CLOSE') && (
        <Field label="Refund amount" name="refundAmount" error={error} hint="Needed to refund and close">
          <input name="refundAmount" type="number" inputMode="decimal" min={0} step={0.01} />
        </Field>
      )}
    </ActionForm>
  );
}

export function CallbackForm({ order }: { order: OrderRead }) {
  const callback = $api.useMutation('post', '/api/orders/{orderNo}/callback');
  const done = useCommandDone();
  const error = apiErrorOf(callback.error);
  return (
    <ActionForm
      title="Return-visit call"
      description="An unsatisfied customer opens a feedback case. Not reached: the call stays due."
      error={callback.error}
      shownFields={['reached', 'satisfied', 'note']}
      onSubmit={(event) => {
        const { form } = submission(event);
        const target = event.currentTarget;
        callback.mutate(
          commandInit(order.orderNo, {
            reached: form.get('reached') === 'on',
            satisfied: form.get('satisfied') === 'on',
            note: formString(form, 'note'),
          }),
          {
            onSuccess: (view) => {
              target.reset();
              done({ message: 'Callback logged.', revision: view.revision });
            },
          },
        );
      }}
      buttons={
        <button type="submit" className="primary" disabled={callback.isPending}>
          Log callback
        </button>
      }
    >
      <label className="check">
        <input type="checkbox" name="reached" defaultChecked /> Customer reached
      </label>
      <label className="check">
        <input type="checkbox" name="satisfied" defaultChecked /> Customer satisfied
      </label>
      <Field label="Note" name="note" error={error}>
        <textarea name="note" rows={2} />
      </Field>
    </ActionForm>
  );
}

export function FeedbackResolutionForm({ order }: { order: OrderRead }) {
  const resolution = $api.useMutation('post', '/api/orders/{orderNo}/feedback-resolution');
  const done = useCommandDone();
  const error = apiErrorOf(resolution.error);
  const feedback = order.feedbackCase;
  return (
    <ActionForm
      title="Resolve the feedback case"
      description={
        feedback
          ? `${humanize(feedback.category)}, opened ${formatDateTime(feedback.openedAt)}.`
          : 'The customer gave negative feedback.'
      }
      error={resolution.error}
      shownFields={['resolution']}
      onSubmit={(event) => {
        const { form } = submission(event);
        resolution.mutate(commandInit(order.orderNo, { resolution: formString(form, 'resolution') ?? '' }), {
          onSuccess: (view) => done({ message: 'Feedback resolved.', revision: view.revision }),
        });
      }}
      buttons={
        <button type="submit" className="primary" disabled={resolution.isPending}>
          Resolve feedback
        </button>
      }
    >
      <Field label="Resolution" name="resolution" error={error}>
        <textarea name="resolution" rows={3} />
      </Field>
    </ActionForm>
  );
}

export function SettlementForm({ order }: { order: OrderRead }) {
  const settlement = $api.useMutation('post', '/api/orders/{orderNo}/settlement');
  const done = useCommandDone();
  const error = apiErrorOf(settlement.error);
  // Covered work (a warranty claim, IN_WARRANTY, CONTRACT) settles at zero: the domain's own rule.
  const free = isFreeOfCharge(order.details);
  // A priced order settles at its itemised amount due (minor units), else at the intake's total.
  const currency = order.pricing?.basis?.currency;
  const due = order.pricing?.amountDue?.due.total;
  const priced = due !== undefined && currency !== undefined;
  const [amount, setAmount] = useState(() =>
    priced ? majorText(due, currency) : String(expectedSettlement(order.details)),
  );
  const paidOnSite = (order.pricing?.payments ?? []).reduce((sum, payment) => sum + payment.amount, 0);
  const money = moneyIn(currency);
  const typed = priced ? parseAmount(amount.trim(), currency) : null;
  const comparison = !priced
    ? undefined
    : typed?.ok && typed.minor === due
      ? 'Matches the amount due.'
      : `The amount due is ${money(due)}: the server accepts that amount only.`;
  return (
    <ActionForm
      title="Settlement"
      description={
        priced ? (
          <>
            Amount due <strong data-testid="settlement-due">{money(due)}</strong> (itemised under Price and
            parts)
            {paidOnSite > 0 ? `; ${money(paidOnSite)} taken on site, so the invoice may follow.` : '.'}
          </>
        ) : free ? (
          'Covered work: it settles at zero.'
        ) : (
          'Verify the amount and record the payment.'
        )
      }
      error={settlement.error}
      shownFields={['amount', 'paymentMethod', 'invoiceNo']}
      onSubmit={(event) => {
        const { form } = submission(event);
        const invoiceNo = formString(form, 'invoiceNo');
        settlement.mutate(
          commandInit(order.orderNo, {
            amount: formNumber(form, 'amount') ?? Number.NaN,
            paymentMethod: formString(form, 'paymentMethod') ?? '',
            // After a payment on site the invoice may follow: blank is left out.
            ...(invoiceNo !== undefined || paidOnSite === 0 ? { invoiceNo: invoiceNo ?? '' } : {}),
          }),
          { onSuccess: (view) => done({ message: 'Settled.', revision: view.revision }) },
        );
      }}
      buttons={
        <button type="submit" className="primary" disabled={settlement.isPending}>
          Settle
        </button>
      }
    >
      <Field
        label={`Amount${currency ? ` (${currency})` : ''}`}
        name="amount"
        error={error}
        hint={comparison}
      >
        <input
          name="amount"
          type="number"
          inputMode="decimal"
          min={0}
          step={0.01}
          value={amount}
          onChange={(event) => setAmount(event.target.value)}
        />
      </Field>
      <Field label="Payment method" name="paymentMethod" error={error}>
        <input name="paymentMethod" defaultValue={order.details.paymentMethod ?? ''} />
      </Field>
      <Field
        label="Invoice number"
        name="invoiceNo"
        error={error}
        hint={paidOnSite > 0 ? 'Optional after a payment on site: record it later' : undefined}
      >
        <input name="invoiceNo" />
      </Field>
    </ActionForm>
  );
}

/** An after-sales claim opens a new linked order; the answer links to it. */
export function WarrantyClaimForm({ order }: { order: OrderRead }) {
  const claim = $api.useMutation('post', '/api/orders/{orderNo}/warranty-claims');
  const done = useCommandDone();
  const error = apiErrorOf(claim.error);
  return (
    <ActionForm
      title="Warranty claim"
      description="Opens a new linked order (amount 0) while the warranty runs."
      error={claim.error}
      shownFields={['faultDescription', 'partCode', 'appointment']}
      onSubmit={(event) => {
        const { form } = submission(event);
        const target = event.currentTarget;
        const appointment = appointmentFrom(form);
        const partCode = formString(form, 'partCode');
        claim.mutate(
          commandInit(order.orderNo, {
            faultDescription: formString(form, 'faultDescription') ?? '',
            ...(partCode ? { partCode } : {}),
            ...(appointment ? { appointment } : {}),
          }),
          {
            onSuccess: (created) => {
              target.reset();
              done({
                message: (
                  <>
                    Warranty order <OrderLink orderNo={created.orderNo} /> opened.
                  </>
                ),
              });
            },
          },
        );
      }}
      buttons={
        <button type="submit" className="primary" disabled={claim.isPending}>
          Open warranty claim
        </button>
      }
    >
      <Field label="Fault description" name="faultDescription" error={error}>
        <textarea name="faultDescription" rows={2} />
      </Field>
      {order.partsUsed.length > 0 && (
        <Field
          label="Part"
          name="partCode"
          error={error}
          hint="A part used here is judged by its own warranty"
        >
          <select name="partCode" defaultValue="">
            <option value="">Not about a part</option>
            {order.partsUsed.map((part) => (
              <option key={part.code} value={part.code}>
                {part.code}
                {part.warranty ? ` (warranty ${part.warranty})` : ''}
              </option>
            ))}
          </select>
        </Field>
      )}
      <AppointmentFields error={error} legend="Visit agreed with the customer (optional)" />
    </ActionForm>
  );
}

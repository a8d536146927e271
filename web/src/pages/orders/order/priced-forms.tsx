// The actions of priced work (issue 11): the technician's quote and added work, the agent recording the
// customer's answer to either, payment taken on site, the supervisor's inspection of replaced parts and
// approval of self-bought parts, and finance's invoice sent after the settlement.
import { useState } from 'react';
import { $api, ApiError, idempotencyKey } from '../../../api/client';
import { apiErrorOf, Field, formString } from '../../../components/forms';
import {
  coverageOf,
  INSPECTION_RESULTS,
  PART_DISPOSALS,
  quoteRequiredBeforeWork,
} from '../../../../../src/domain/priced-work';
import { ActionForm, commandInit, submission } from './action-form';
import { EstimateLines, estimateBody, newLine, type LineDraft } from './estimate-lines';
import { DISPOSAL_LABELS, INSPECTION_LABELS, type OrderRead } from './labels';
import { majorText, MinorAmounts, moneyIn, orderCurrency, useOrderCatalogue } from './pricing-basis';
import { useCommandDone } from './use-order';

/** Approved (or needing no approval) work: the quote the order's price now rests on. */
export function hasAgreedQuote(order: OrderRead): boolean {
  return (order.pricing?.quotes ?? []).some(
    (quote) => quote.status === 'APPROVED' || quote.status === 'NOT_NEEDED',
  );
}

/** Paid work priced on site: progress, parts and completion wait until the customer approved a quote. */
export function waitsForQuote(order: OrderRead): boolean {
  return order.pricing !== undefined && quoteRequiredBeforeWork(order.details) && !hasAgreedQuote(order);
}

export function pendingQuote(order: OrderRead) {
  return order.pricing?.quotes.find((quote) => quote.status === 'PENDING');
}

export function pendingAddedWork(order: OrderRead) {
  return (order.pricing?.addedWork ?? []).filter((addition) => addition.status === 'PENDING');
}

/** Replaced parts the supervisor has not inspected yet. */
export function partsToInspect(order: OrderRead) {
  return (order.pricing?.replacedParts ?? []).filter((part) => part.inspection === null);
}

/** Self-bought parts whose invoice waits for a supervisor. */
export function selfBoughtToApprove(order: OrderRead) {
  return (order.pricing?.selfBoughtParts ?? []).filter((part) => part.status === 'PENDING_APPROVAL');
}

/** The server's error, or what the form found before sending (an amount that is not exact). */
function useLocalRefusal() {
  return useState<ApiError | null>(null);
}

export function ProposeQuoteForm({ order }: { order: OrderRead }) {
  const propose = $api.useMutation('post', '/api/orders/{orderNo}/quotes');
  const done = useCommandDone();
  const error = apiErrorOf(propose.error);
  const [lines, setLines] = useState<LineDraft[]>(() => [newLine()]);
  const revised = (order.pricing?.quotes.length ?? 0) > 0;
  const paid = coverageOf(order.details) === 'PAID';
  return (
    <ActionForm
      title={revised ? 'Propose a revised quote' : 'Propose a quote'}
      description={
        <>
          Priced from the order&apos;s catalogue.{' '}
          {paid
            ? 'Paid work: the customer approves the quote before the work goes on.'
            : 'Covered work: the customer is asked only when the quote is above the catalogue threshold.'}
          {waitsForQuote(order) && ' Progress, parts and completion wait for the approval.'}
        </>
      }
      error={propose.error}
      shownFields={['lines', 'note']}
      onSubmit={(event) => {
        const { form } = submission(event);
        const target = event.currentTarget;
        const note = formString(form, 'note');
        propose.mutate(
          commandInit(order.orderNo, { lines: estimateBody(lines), ...(note ? { note } : {}) }),
          {
            onSuccess: (view) => {
              target.reset();
              setLines([newLine()]);
              done({
                message:
                  view.status === 'PENDING_QUOTE'
                    ? 'Quote sent: waiting for the customer’s answer.'
                    : 'Quote recorded: no approval needed, the work goes on.',
                revision: view.revision,
              });
            },
          },
        );
      }}
      buttons={
        <button type="submit" className="primary" disabled={propose.isPending}>
          Propose quote
        </button>
      }
    >
      <EstimateLines order={order} lines={lines} onChange={setLines} error={error} />
      <Field label="Note for the customer" name="note" error={error} hint="Optional: what the price covers">
        <textarea name="note" rows={2} />
      </Field>
    </ActionForm>
  );
}

export function AddedWorkForm({ order }: { order: OrderRead }) {
  const propose = $api.useMutation('post', '/api/orders/{orderNo}/added-work');
  const done = useCommandDone();
  const error = apiErrorOf(propose.error);
  const [lines, setLines] = useState<LineDraft[]>(() => [newLine()]);
  return (
    <ActionForm
      title="Propose added work"
      description="Work or materials found on site beyond the quote: nothing of it is billed unless the customer approves."
      error={propose.error}
      shownFields={['lines', 'reason']}
      onSubmit={(event) => {
        const { form } = submission(event);
        const target = event.currentTarget;
        propose.mutate(
          commandInit(order.orderNo, {
            lines: estimateBody(lines),
            reason: formString(form, 'reason') ?? '',
          }),
          {
            onSuccess: (view) => {
              target.reset();
              setLines([newLine()]);
              done({
                message: 'Added work sent: waiting for the customer’s answer.',
                revision: view.revision,
              });
            },
          },
        );
      }}
      buttons={
        <button type="submit" className="primary" disabled={propose.isPending}>
          Propose added work
        </button>
      }
    >
      <Field label="What was found" name="reason" error={error}>
        <textarea name="reason" rows={2} />
      </Field>
      <EstimateLines order={order} lines={lines} onChange={setLines} error={error} />
    </ActionForm>
  );
}

/** The agent records the answer the customer gave by phone, for the quote waiting for it. */
export function QuoteDecisionForm({ order }: { order: OrderRead }) {
  const decision = $api.useMutation('post', '/api/orders/{orderNo}/quote-decision');
  const done = useCommandDone();
  const error = apiErrorOf(decision.error);
  const catalogue = useOrderCatalogue(order);
  const money = moneyIn(orderCurrency(order, catalogue.data));
  const pending = pendingQuote(order);
  if (!pending) return null;
  return (
    <ActionForm
      title={`Customer's answer to quote ${pending.id}`}
      description={
        <>
          Record what the customer told you: the quote totals{' '}
          <strong data-testid="quote-decision-total">{money(pending.estimate.total)}</strong> (lines under
          Price and parts).{' '}
          {hasAgreedQuote(order)
            ? 'Declining keeps the quote approved before.'
            : 'Declining ends the order with the diagnosis fee due.'}
        </>
      }
      error={decision.error}
      shownFields={['note', 'decision', 'quoteId']}
      onSubmit={(event) => {
        const { form, choice } = submission(event);
        const answer = choice === 'DECLINE' ? 'DECLINE' : 'APPROVE';
        decision.mutate(
          commandInit(order.orderNo, {
            quoteId: pending.id,
            decision: answer,
            note: formString(form, 'note'),
          }),
          {
            // The answer is the customer's view, without a revision: the page catches up as it polls.
            onSuccess: () =>
              done({
                message:
                  answer === 'APPROVE'
                    ? `Approval of quote ${pending.id} recorded for the customer.`
                    : `Quote ${pending.id} declined for the customer.`,
              }),
          },
        );
      }}
      buttons={
        <CustomerAnswerButtons
          mayApprove={order.allowedActions.includes('APPROVE_QUOTE')}
          mayDecline={order.allowedActions.includes('DECLINE_QUOTE')}
          pending={decision.isPending}
        />
      }
    >
      <Field
        label="Note"
        name="note"
        error={error}
        hint="How the customer answered (call, message), and why when declining"
      >
        <textarea name="note" rows={2} />
      </Field>
    </ActionForm>
  );
}

function AddedWorkDecision({
  order,
  addition,
}: {
  order: OrderRead;
  addition: NonNullable<OrderRead['pricing']>['addedWork'][number];
}) {
  const decision = $api.useMutation('post', '/api/orders/{orderNo}/added-work/{addedWorkId}/decision');
  const done = useCommandDone();
  const error = apiErrorOf(decision.error);
  const catalogue = useOrderCatalogue(order);
  const money = moneyIn(orderCurrency(order, catalogue.data));
  return (
    <ActionForm
      title={`Customer's answer to added work ${addition.id}`}
      description={
        <>
          {addition.reason} · <strong>{money(addition.estimate.total)}</strong>
        </>
      }
      error={decision.error}
      shownFields={['note', 'decision']}
      onSubmit={(event) => {
        const { form, choice } = submission(event);
        const answer = choice === 'DECLINE' ? 'DECLINE' : 'APPROVE';
        decision.mutate(
          {
            params: { path: { orderNo: order.orderNo, addedWorkId: addition.id } },
            body: { decision: answer, note: formString(form, 'note') },
            headers: { 'Idempotency-Key': idempotencyKey() },
          },
          {
            onSuccess: () =>
              done({
                message:
                  answer === 'APPROVE'
                    ? `Added work ${addition.id} approved for the customer.`
                    : `Added work ${addition.id} declined for the customer.`,
              }),
          },
        );
      }}
      buttons={
        <CustomerAnswerButtons
          mayApprove={order.allowedActions.includes('APPROVE_ADDED_WORK')}
          mayDecline={order.allowedActions.includes('DECLINE_ADDED_WORK')}
          pending={decision.isPending}
        />
      }
    >
      <Field label="Note" name="note" error={error}>
        <textarea name="note" rows={2} />
      </Field>
    </ActionForm>
  );
}

/** One decision form per addition waiting for the customer; nothing when none waits. */
export function AddedWorkDecisions({ order }: { order: OrderRead }) {
  const pending = pendingAddedWork(order);
  if (pending.length === 0) return null;
  return (
    <div className="stack">
      {pending.map((addition) => (
        <AddedWorkDecision key={addition.id} order={order} addition={addition} />
      ))}
    </div>
  );
}

/** 当场收费: the technician records a payment the customer made on site; typed in major units. */
export function CollectPaymentForm({ order }: { order: OrderRead }) {
  const payment = $api.useMutation('post', '/api/orders/{orderNo}/payments');
  const done = useCommandDone();
  const [local, setLocal] = useLocalRefusal();
  const error = local ?? apiErrorOf(payment.error);
  const catalogue = useOrderCatalogue(order);
  const currency = orderCurrency(order, catalogue.data);
  const money = moneyIn(currency);
  const pricing = order.pricing;
  if (!pricing) return null;
  const paid = pricing.payments.reduce((sum, entry) => sum + entry.amount, 0);
  const due = pricing.amountDue?.due.total;
  const open = due === undefined ? undefined : Math.max(due - paid, 0);
  return (
    <ActionForm
      title="Take payment on site"
      description={
        due === undefined
          ? 'The payment the customer made to you; the invoice may follow.'
          : `Due ${money(due)}${paid > 0 ? `, ${money(paid)} taken so far` : ''}. The invoice may follow.`
      }
      error={local ?? payment.error}
      shownFields={['amount', 'paymentMethod', 'receiptNo']}
      onSubmit={(event) => {
        const { form } = submission(event);
        const target = event.currentTarget;
        const amounts = new MinorAmounts(currency);
        const amount = amounts.minor(formString(form, 'amount'), 'amount');
        const refusal = amounts.refusal();
        setLocal(refusal);
        if (refusal) {
          payment.reset();
          return;
        }
        const receiptNo = formString(form, 'receiptNo');
        payment.mutate(
          commandInit(order.orderNo, {
            amount,
            paymentMethod: formString(form, 'paymentMethod') ?? '',
            ...(receiptNo ? { receiptNo } : {}),
          }),
          {
            onSuccess: (view) => {
              target.reset();
              done({ message: `Payment of ${money(amount)} recorded.`, revision: view.revision });
            },
          },
        );
      }}
      buttons={
        <button type="submit" className="primary" disabled={payment.isPending}>
          Record payment
        </button>
      }
    >
      <Field
        label={`Amount${currency ? ` (${currency})` : ''}`}
        name="amount"
        error={error}
        hint="e.g. 120.50"
      >
        {/* Keyed by what is open, so the offer follows the amount due once the work is done. */}
        <input
          key={open ?? 'open'}
          name="amount"
          inputMode="decimal"
          autoComplete="off"
          defaultValue={open ? majorText(open, currency) : ''}
        />
      </Field>
      <Field label="Payment method" name="paymentMethod" error={error}>
        <input name="paymentMethod" defaultValue={order.details.paymentMethod ?? ''} />
      </Field>
      <Field label="Receipt number" name="receiptNo" error={error} hint="Optional: the receipt you gave">
        <input name="receiptNo" />
      </Field>
    </ActionForm>
  );
}

/** The technical supervisor's finding on each replaced part not inspected yet. */
export function PartsInspectionForm({ order }: { order: OrderRead }) {
  const inspection = $api.useMutation('post', '/api/orders/{orderNo}/parts-inspection');
  const done = useCommandDone();
  const [local, setLocal] = useLocalRefusal();
  const error = local ?? apiErrorOf(inspection.error);
  const waiting = partsToInspect(order);
  if (waiting.length === 0) return null;
  return (
    <ActionForm
      title="Inspect replaced parts"
      description="A part found faultless should not have been replaced: it flags the technician who replaced it."
      error={local ?? inspection.error}
      shownFields={['results']}
      onSubmit={(event) => {
        const { form } = submission(event);
        const findings = form.getAll('result');
        const notes = form.getAll('inspectionNote');
        const problems: { field: string; reasons: string[] }[] = [];
        const results = waiting.map((part, index) => {
          const result = INSPECTION_RESULTS.find((option) => option === findings[index]);
          if (!result)
            problems.push({ field: `results[${index}].result`, reasons: ['choose faulty or faultless'] });
          const note = String(notes[index] ?? '').trim();
          return { code: part.code, result: result ?? 'FAULTY', ...(note ? { note } : {}) };
        });
        const refusal = problems.length > 0 ? new ApiError(400, 'Some parts need a finding', problems) : null;
        setLocal(refusal);
        if (refusal) {
          inspection.reset();
          return;
        }
        inspection.mutate(commandInit(order.orderNo, { results }), {
          onSuccess: (view) => done({ message: 'Inspection recorded.', revision: view.revision }),
        });
      }}
      buttons={
        <button type="submit" className="primary" disabled={inspection.isPending}>
          Record inspection
        </button>
      }
    >
      {waiting.map((part, index) => (
        <fieldset key={part.code} className="order-inspection-line">
          <legend>
            {part.code} × {part.quantity} ({DISPOSAL_LABELS[part.disposal].toLowerCase()})
          </legend>
          <Field label="Finding" name={`results[${index}].result`} error={error}>
            <select name="result" defaultValue="">
              <option value="">Choose…</option>
              {INSPECTION_RESULTS.map((result) => (
                <option key={result} value={result}>
                  {INSPECTION_LABELS[result]}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Note" name={`results[${index}].note`} error={error}>
            <input name="inspectionNote" />
          </Field>
        </fieldset>
      ))}
    </ActionForm>
  );
}

/** Self-bought parts whose invoice is off the catalogue price by more than the tolerance. */
export function SelfBoughtApprovalForm({ order }: { order: OrderRead }) {
  const approval = $api.useMutation('post', '/api/orders/{orderNo}/self-bought-approval');
  const done = useCommandDone();
  const error = apiErrorOf(approval.error);
  const catalogue = useOrderCatalogue(order);
  const money = moneyIn(orderCurrency(order, catalogue.data));
  const pending = selfBoughtToApprove(order);
  if (pending.length === 0) return null;
  return (
    <ActionForm
      title="Approve self-bought parts"
      description="The technician's invoices that are off the catalogue price by more than the tolerance."
      error={approval.error}
      shownFields={['codes', 'note']}
      onSubmit={(event) => {
        const { form } = submission(event);
        approval.mutate(
          commandInit(order.orderNo, {
            codes: form.getAll('codes').map(String),
            note: formString(form, 'note') ?? '',
          }),
          { onSuccess: (view) => done({ message: 'Self-bought parts approved.', revision: view.revision }) },
        );
      }}
      buttons={
        <button type="submit" className="primary" disabled={approval.isPending}>
          Approve
        </button>
      }
    >
      <Field label="Parts" name="codes" error={error}>
        <div className="stack">
          {pending.map((part) => (
            <label key={part.code} className="check">
              <input type="checkbox" name="codes" value={part.code} defaultChecked />
              <span>
                {part.code} × {part.quantity}: invoice {money(part.invoiceAmount)} against{' '}
                {money(part.cataloguePrice * part.quantity)}
                {part.problem && <span className="small muted"> ({part.problem})</span>}
              </span>
            </label>
          ))}
        </div>
      </Field>
      <Field label="Why the invoice is accepted" name="note" error={error}>
        <textarea name="note" rows={2} />
      </Field>
    </ActionForm>
  );
}

/** 补寄发票: the invoice of a payment taken on site, recorded after the settlement. */
export function InvoiceForm({ order }: { order: OrderRead }) {
  const invoice = $api.useMutation('post', '/api/orders/{orderNo}/invoice');
  const done = useCommandDone();
  const error = apiErrorOf(invoice.error);
  if (order.tracks.settlement !== 'INVOICE_PENDING') return null;
  return (
    <ActionForm
      title="Record the invoice"
      description="Settled from a payment taken on site: the invoice is still to be sent."
      error={invoice.error}
      shownFields={['invoiceNo']}
      onSubmit={(event) => {
        const { form } = submission(event);
        invoice.mutate(commandInit(order.orderNo, { invoiceNo: formString(form, 'invoiceNo') ?? '' }), {
          onSuccess: (view) => done({ message: 'Invoice recorded.', revision: view.revision }),
        });
      }}
      buttons={
        <button type="submit" className="primary" disabled={invoice.isPending}>
          Record invoice
        </button>
      }
    >
      <Field label="Invoice number" name="invoiceNo" error={error}>
        <input name="invoiceNo" />
      </Field>
    </ActionForm>
  );
}

let nextReplacedKey = 0;

/** 旧件: parts taken out of the customer's unit, with what the customer chose to do with them. */
export function ReplacedPartLines({ error }: { error: ApiError | null }) {
  const [rows, setRows] = useState<number[]>([]);
  return (
    <div className="stack">
      {rows.map((key, index) => (
        <fieldset key={key} className="order-replaced-line">
          <legend>Replaced part {index + 1}</legend>
          <Field label="Part code" name={`replacedParts[${index}].code`} error={error}>
            <input name="replacedCode" autoCapitalize="characters" />
          </Field>
          <Field label="Quantity" name={`replacedParts[${index}].quantity`} error={error}>
            <input
              name="replacedQuantity"
              type="number"
              inputMode="numeric"
              min={1}
              step={1}
              defaultValue={1}
            />
          </Field>
          <Field label="Old part" name={`replacedParts[${index}].disposal`} error={error}>
            <select name="replacedDisposal" defaultValue="RETURN_TO_CUSTOMER">
              {PART_DISPOSALS.map((disposal) => (
                <option key={disposal} value={disposal}>
                  {DISPOSAL_LABELS[disposal]}
                </option>
              ))}
            </select>
          </Field>
          <button
            type="button"
            className="link order-remove-part"
            onClick={() => setRows(rows.filter((other) => other !== key))}
          >
            Remove replaced part {index + 1}
          </button>
        </fieldset>
      ))}
      <button
        type="button"
        onClick={() => {
          nextReplacedKey += 1;
          setRows([...rows, nextReplacedKey]);
        }}
      >
        Add a replaced part
      </button>
    </div>
  );
}

/** The rows ReplacedPartLines rendered; a blank quantity goes as NaN (JSON null) for the server to name. */
export function replacedPartsFrom(
  form: FormData,
): { code: string; quantity: number; disposal: (typeof PART_DISPOSALS)[number] }[] {
  const quantities = form.getAll('replacedQuantity');
  const disposals = form.getAll('replacedDisposal');
  return form.getAll('replacedCode').map((code, index) => {
    const quantity = String(quantities[index] ?? '').trim();
    return {
      code: String(code).trim(),
      quantity: quantity === '' ? Number.NaN : Number(quantity),
      disposal: PART_DISPOSALS.find((option) => option === disposals[index]) ?? 'RETURN_TO_CUSTOMER',
    };
  });
}

/** The agent records the customer's answer, given on the phone: approve or decline. */
function CustomerAnswerButtons({
  mayApprove,
  mayDecline,
  pending,
}: {
  mayApprove: boolean;
  mayDecline: boolean;
  pending: boolean;
}) {
  return (
    <>
      {mayApprove && (
        <button type="submit" name="decision" value="APPROVE" className="primary" disabled={pending}>
          Customer approves
        </button>
      )}
      {mayDecline && (
        <button type="submit" name="decision" value="DECLINE" className="danger" disabled={pending}>
          Customer declines
        </button>
      )}
    </>
  );
}

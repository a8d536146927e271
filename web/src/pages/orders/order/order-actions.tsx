// Exactly the actions the signed-in person may take now, from the order's `allowedActions`: one form
// per endpoint, in the order the work happens.
import type { ReactNode } from 'react';
import * as AfterWork from './after-work-forms';
import * as FieldWork from './field-forms';
import * as Office from './office-forms';
import * as Priced from './priced-forms';
import { ApprovalForm } from './approval-form';
import type { OrderAction, OrderRead } from './labels';

type FormFor = (order: OrderRead) => ReactNode;

/**
 * Each entry is one form, shown when any of its actions is allowed. CUSTOMER_ACCEPT/REJECT are the
 * customer's own (customer page) and never offered to staff.
 */
const ACTION_FORMS: { actions: readonly OrderAction[]; form: FormFor }[] = [
  { actions: ['SUPPLY_INFO'], form: (order) => <Office.SupplyInfoCard order={order} /> },
  {
    actions: ['REVIEW_APPROVE', 'REVIEW_RETURN', 'REVIEW_REJECT'],
    form: (order) => <Office.ReviewForm order={order} />,
  },
  {
    actions: ['APPROVE', 'REJECT_APPROVAL'],
    form: (order) => <ApprovalForm orderNo={order.orderNo} allowedActions={order.allowedActions} />,
  },
  { actions: ['ASSIGN'], form: (order) => <Office.AssignForm order={order} action="ASSIGN" /> },
  {
    actions: ['TECHNICIAN_ACCEPT', 'TECHNICIAN_DECLINE'],
    form: (order) => <FieldWork.TechnicianResponseForm order={order} />,
  },
  { actions: ['LOG_CONTACT'], form: (order) => <FieldWork.ContactForm order={order} /> },
  { actions: ['CHECK_IN'], form: (order) => <FieldWork.CheckInForm order={order} /> },
  // Priced work: the quote first; paid work without a price agreed at intake waits for its approval.
  { actions: ['PROPOSE_QUOTE'], form: (order) => <Priced.ProposeQuoteForm order={order} /> },
  {
    actions: ['APPROVE_QUOTE', 'DECLINE_QUOTE'],
    form: (order) => (Priced.pendingQuote(order) ? <Priced.QuoteDecisionForm order={order} /> : null),
  },
  {
    actions: ['REPORT_PROGRESS'],
    form: (order) => (Priced.waitsForQuote(order) ? null : <FieldWork.ProgressForm order={order} />),
  },
  {
    actions: ['RECEIVE_PARTS'],
    form: (order) =>
      order.partsRequests.some((request) => request.receivedAt === null) ? (
        <FieldWork.ReceivePartsCard order={order} />
      ) : null,
  },
  {
    actions: ['REQUEST_PARTS'],
    form: (order) => (Priced.waitsForQuote(order) ? null : <FieldWork.PartsRequestForm order={order} />),
  },
  { actions: ['PROPOSE_ADDED_WORK'], form: (order) => <Priced.AddedWorkForm order={order} /> },
  {
    actions: ['APPROVE_ADDED_WORK', 'DECLINE_ADDED_WORK'],
    form: (order) =>
      Priced.pendingAddedWork(order).length > 0 ? <Priced.AddedWorkDecisions order={order} /> : null,
  },
  {
    actions: ['COMPLETE'],
    form: (order) => (Priced.waitsForQuote(order) ? null : <FieldWork.CompletionForm order={order} />),
  },
  {
    actions: ['COLLECT_PAYMENT'],
    form: (order) => (order.pricing ? <Priced.CollectPaymentForm order={order} /> : null),
  },
  {
    actions: ['INSPECT_PARTS'],
    form: (order) =>
      Priced.partsToInspect(order).length > 0 ? <Priced.PartsInspectionForm order={order} /> : null,
  },
  {
    actions: ['APPROVE_SELF_BOUGHT_PARTS'],
    form: (order) =>
      Priced.selfBoughtToApprove(order).length > 0 ? <Priced.SelfBoughtApprovalForm order={order} /> : null,
  },
  { actions: ['QC_PASS', 'QC_FAIL'], form: (order) => <AfterWork.QcForm order={order} /> },
  {
    actions: ['REWORK_ANOTHER_ROUND', 'REFUND_AND_CLOSE'],
    form: (order) => <AfterWork.ReworkDecisionForm order={order} />,
  },
  { actions: ['REASSIGN'], form: (order) => <Office.AssignForm order={order} action="REASSIGN" /> },
  { actions: ['CHASE'], form: (order) => <Office.ChaseForm order={order} /> },
  { actions: ['CALLBACK'], form: (order) => <AfterWork.CallbackForm order={order} /> },
  { actions: ['RESOLVE_FEEDBACK'], form: (order) => <AfterWork.FeedbackResolutionForm order={order} /> },
  { actions: ['SETTLE'], form: (order) => <AfterWork.SettlementForm order={order} /> },
  {
    actions: ['RECORD_INVOICE'],
    form: (order) =>
      order.tracks.settlement === 'INVOICE_PENDING' ? <Priced.InvoiceForm order={order} /> : null,
  },
  { actions: ['WARRANTY_CLAIM'], form: (order) => <AfterWork.WarrantyClaimForm order={order} /> },
  { actions: ['OVERRIDE_COVERAGE'], form: (order) => <Office.CoverageOverrideForm order={order} /> },
  { actions: ['CANCEL'], form: (order) => <Office.CancelForm order={order} /> },
];

export function OrderActions({ order }: { order: OrderRead }) {
  const forms = ACTION_FORMS.filter(({ actions }) =>
    actions.some((action) => order.allowedActions.includes(action)),
  )
    .map(({ actions, form }) => ({ key: actions.join('+'), content: form(order) }))
    .filter(({ content }) => content !== null);
  if (forms.length === 0) return <p className="empty">Nothing for you to do on this order now.</p>;
  return (
    <div className="stack">
      {forms.map(({ key, content }) => (
        <div key={key}>{content}</div>
      ))}
    </div>
  );
}

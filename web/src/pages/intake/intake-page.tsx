// Intake: an agent enters a phone or walk-in order (POST /api/orders). The answer shows the new order,
// what the automatic check found missing (fixable right there), and the customer's token, once.
import { createRoute } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { $api, type Schemas } from '../../api/client';
import { apiErrorOf, ErrorMessage } from '../../components/forms';
import { OrderLink, StatusBadge } from '../../components/status';
import { requireSignIn, rootRoute } from '../../root';
import { CustomerToken } from './customer-token';
import { placeReasons } from './field-reasons';
import { emptyDraft, intakeBodyOf, type IntakeProblem, type OrderDraft } from './order-draft';
import { OrderFields } from './order-fields';
import { ProblemList } from './problem-list';
import { isOutcomeUnknown, useSubmissionKey } from './submission-key';
import { SupplyInfoForm } from './supply-info-form';
import './intake.css';

export const intakeRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/intake',
  beforeLoad: requireSignIn,
  component: IntakePage,
});

type IntakeResponse = Schemas['IntakeResponseDto'];

interface Created {
  response: IntakeResponse;
  /** The draft as sent: what the order now holds, the start of the supply-info form. */
  submitted: OrderDraft;
}

function IntakePage() {
  const [created, setCreated] = useState<Created | null>(null);
  return (
    <div className="intake-page">
      <h1>New order</h1>
      {created ? (
        <IntakeResult key={created.response.orderNo} created={created} onNewOrder={() => setCreated(null)} />
      ) : (
        <IntakeForm onCreated={setCreated} />
      )}
    </div>
  );
}

/** Moves the agent to the first field the server refused, once the refusal is on screen. */
function focusFirstRefusedField(): void {
  requestAnimationFrame(() => {
    document.querySelector<HTMLElement>('.intake-form .field.invalid :is(input, select, textarea)')?.focus();
  });
}

function IntakeForm({ onCreated }: { onCreated: (created: Created) => void }) {
  const create = $api.useMutation('post', '/api/orders');
  const submissionKey = useSubmissionKey();
  const [draft, setDraft] = useState(emptyDraft);
  const reasons = placeReasons(apiErrorOf(create.error), [], draft, '');

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const submitted = draft;
    create.mutate(
      { body: intakeBodyOf(submitted), headers: { 'Idempotency-Key': submissionKey.take() } },
      {
        onSuccess: (response) => {
          submissionKey.settle();
          onCreated({ response, submitted });
        },
        onError: (error) => {
          submissionKey.settle(error);
          focusFirstRefusedField();
        },
      },
    );
  };

  return (
    <form className="form intake-form" onSubmit={submit} aria-label="New order" noValidate>
      <OrderFields draft={draft} onChange={setDraft} prefix="" reasons={reasons} />
      <ErrorMessage error={reasons.elsewhere} />
      {isOutcomeUnknown(create.error) && (
        <p className="small" role="status">
          The order may or may not have been created. Press “Create order” again: it is created only once.
        </p>
      )}
      <div className="row">
        <button type="submit" className="primary" disabled={create.isPending}>
          {create.isPending ? 'Creating…' : 'Create order'}
        </button>
        <button
          type="button"
          disabled={create.isPending}
          onClick={() => {
            setDraft(emptyDraft());
            create.reset();
          }}
        >
          Clear form
        </button>
      </div>
    </form>
  );
}

function IntakeResult({ created, onNewOrder }: { created: Created; onNewOrder: () => void }) {
  const { response, submitted } = created;
  // Supplying the missing information below moves the order on; the card follows its answers.
  const [latest, setLatest] = useState<{ status: string; problems: readonly IntakeProblem[] }>(response);
  const incomplete = response.problems.length > 0;
  return (
    <>
      <section className="card intake-result" aria-labelledby="intake-result-title">
        <h2 id="intake-result-title">Order created</h2>
        <p className="row intake-result-order">
          <span>
            Order <OrderLink orderNo={response.orderNo} />
          </span>
          <StatusBadge status={latest.status} />
        </p>
        {latest.problems.length > 0 ? (
          <>
            <ProblemList problems={latest.problems} title="The automatic check found problems" />
            <p className="small muted">
              The order waits in “Info required” until they are supplied: below, or later from the queues.
            </p>
          </>
        ) : (
          <p className="notice" role="status">
            {incomplete
              ? 'Nothing is missing any more: the order waits for review.'
              : 'The automatic check found nothing missing: the order waits for review.'}
          </p>
        )}
        <CustomerToken token={response.customerToken} />
        <div className="row">
          <button type="button" className="primary" onClick={onNewOrder}>
            Start a new order
          </button>
        </div>
      </section>
      {incomplete && (
        <section className="card" aria-labelledby="intake-fix-title">
          <h2 id="intake-fix-title">Complete the missing information</h2>
          <SupplyInfoForm
            orderNo={response.orderNo}
            initialDraft={() => submitted}
            problems={latest.problems}
            listProblems={false}
            onSupplied={(view) => setLatest(view)}
          />
        </section>
      )}
    </>
  );
}

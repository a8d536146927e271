// Priced work on the customer's page (issue 11): the quote to approve or decline, added work found on site
// likewise, and the amount due once the work is done (or the quote declined). Amounts arrive as integer
// minor units in the order's currency and are only ever formatted here, never computed with, but for the
// sum of what the customer approved.
import { useId, useState, type FormEvent } from 'react';
import { $api, bearer, type Schemas } from '../../api/client';
import { apiErrorOf, ErrorMessage, Field } from '../../components/forms';
import { formatMoney } from '../../../../src/domain/money';
import { LABOUR_HOURS_CODE } from '../../../../src/domain/pricing';
import { useSubmissionKey } from '../intake/submission-key';
import { AnswerWindow } from './answer-window';
import type { AnswerProps, CustomerView } from './customer-page';
import { dateTimeIn, type Words } from './words';

type Pricing = Schemas['CustomerPricingDto'];
type Quote = Schemas['CustomerQuoteDto'];
type AddedWork = Schemas['CustomerAddedWorkDto'];
type PricedLine = Schemas['PricedLineDto'];
type Totals = Schemas['CategoryTotalsDto'];
type Decision = 'APPROVE' | 'DECLINE';
type Money = (minor: number) => string;

const CATEGORIES = ['labour', 'parts', 'materials', 'services'] as const;
const KIND_OF: Record<(typeof CATEGORIES)[number], keyof Words['price']['kind']> = {
  labour: 'LABOUR',
  parts: 'PART',
  materials: 'MATERIAL',
  services: 'SERVICE',
};

/** The priced-work cards of the order, in the order the customer needs them: what to answer first. */
export function PricingForCustomer({ view, token, words, onAnswered }: AnswerProps & { view: CustomerView }) {
  const pricing = view.pricing;
  if (!pricing) return null;
  const allowed = new Set<string>(view.allowedActions);
  const money: Money = (minor) => formatMoney(minor, pricing.currency, words.locale);
  const quote = pricing.quote;
  const mayAnswerQuote =
    quote?.status === 'PENDING' && (allowed.has('APPROVE_QUOTE') || allowed.has('DECLINE_QUOTE'));
  const pendingWork = pricing.addedWork.filter(
    (work) =>
      work.status === 'PENDING' && (allowed.has('APPROVE_ADDED_WORK') || allowed.has('DECLINE_ADDED_WORK')),
  );
  const common = { orderNo: view.orderNo, token, words, onAnswered, allowed, money };

  return (
    <>
      {quote && mayAnswerQuote && (
        <QuoteCard
          key={quote.id}
          quote={quote}
          dueAt={pricing.quoteDueAt}
          ifDeclined={pricing.ifDeclined}
          {...common}
        />
      )}
      {pendingWork.map((work) => (
        <AddedWorkCard key={work.id} work={work} {...common} />
      ))}
      {pricing.amountDue ? (
        <AmountDueCard due={pricing.amountDue} words={words} money={money} />
      ) : (
        !mayAnswerQuote && <AgreedPrice pricing={pricing} words={words} money={money} />
      )}
    </>
  );
}

interface CardProps extends AnswerProps {
  orderNo: string;
  allowed: Set<string>;
  money: Money;
}

function QuoteCard({
  quote,
  dueAt,
  orderNo,
  token,
  words,
  onAnswered,
  allowed,
  money,
  ifDeclined,
}: CardProps & {
  quote: Quote;
  dueAt: string | null;
  ifDeclined: { workGoesOn: boolean; diagnosisFee: number };
}) {
  const headingId = useId();
  const key = useSubmissionKey();
  const decide = $api.useMutation('post', '/api/orders/{orderNo}/quote-decision', {
    onSettled: (_data, error) => key.settle(error),
    onSuccess: (_data, variables) =>
      onAnswered((said) =>
        variables.body.decision === 'APPROVE' ? said.quote.approved : said.quote.declined,
      ),
  });
  const { estimate } = quote;
  return (
    <section className="customer-card customer-priced" aria-labelledby={headingId} data-quote-id={quote.id}>
      <h2 id={headingId}>{words.quote.heading}</h2>
      <p>{words.quote.intro}</p>
      {quote.note && (
        <p className="customer-note">
          <span className="small muted">{words.quote.note}</span> {quote.note}
        </p>
      )}
      <PriceLines
        lines={estimate.lines}
        total={estimate.total}
        subtotals={estimate}
        label={words.quote.heading}
        {...{ words, money }}
      />
      {estimate.approvalLimit > estimate.total && (
        <p className="small muted">{words.quote.limit(money(estimate.approvalLimit))}</p>
      )}
      {dueAt && (
        <AnswerWindow dueAt={dueAt} words={words} after={words.quote.dueAt} testId="quote-countdown" />
      )}
      <DecisionForm
        labelledBy={headingId}
        words={words}
        approveText={words.quote.approve}
        declineText={words.quote.confirmDecline}
        declineHint={
          ifDeclined.workGoesOn
            ? words.quote.declineKeepsWork
            : words.quote.declineHint(ifDeclined.diagnosisFee > 0 ? money(ifDeclined.diagnosisFee) : null)
        }
        mayApprove={allowed.has('APPROVE_QUOTE')}
        mayDecline={allowed.has('DECLINE_QUOTE')}
        sending={decide.isPending ? decide.variables.body.decision : null}
        locked={decide.isPending || decide.isSuccess}
        error={decide.error}
        onDecide={(decision, note) =>
          decide.mutate({
            params: { path: { orderNo } },
            body: { quoteId: quote.id, decision, ...(note ? { note } : {}) },
            headers: { ...bearer(token), 'Idempotency-Key': key.take() },
          })
        }
      />
    </section>
  );
}

function AddedWorkCard({
  work,
  orderNo,
  token,
  words,
  onAnswered,
  allowed,
  money,
}: CardProps & { work: AddedWork }) {
  const headingId = useId();
  const key = useSubmissionKey();
  const decide = $api.useMutation('post', '/api/orders/{orderNo}/added-work/{addedWorkId}/decision', {
    onSettled: (_data, error) => key.settle(error),
    onSuccess: (_data, variables) =>
      onAnswered((said) =>
        variables.body.decision === 'APPROVE' ? said.addedWork.approved : said.addedWork.declined,
      ),
  });
  return (
    <section
      className="customer-card customer-priced"
      aria-labelledby={headingId}
      data-added-work-id={work.id}
    >
      <h2 id={headingId}>{words.addedWork.heading}</h2>
      <p>{words.addedWork.intro}</p>
      <p className="customer-note">
        <span className="small muted">{words.addedWork.reason}</span> {work.reason}
      </p>
      <PriceLines
        lines={work.estimate.lines}
        total={work.estimate.total}
        subtotals={work.estimate}
        label={words.addedWork.heading}
        {...{ words, money }}
      />
      {work.dueAt && (
        <AnswerWindow
          dueAt={work.dueAt}
          words={words}
          after={words.addedWork.dueAt}
          testId={`added-work-countdown-${work.id}`}
        />
      )}
      <DecisionForm
        labelledBy={headingId}
        words={words}
        approveText={words.addedWork.approve}
        declineText={words.addedWork.confirmDecline}
        mayApprove={allowed.has('APPROVE_ADDED_WORK')}
        mayDecline={allowed.has('DECLINE_ADDED_WORK')}
        sending={decide.isPending ? decide.variables.body.decision : null}
        locked={decide.isPending || decide.isSuccess}
        error={decide.error}
        onDecide={(decision, note) =>
          decide.mutate({
            params: { path: { orderNo, addedWorkId: work.id } },
            body: { decision, ...(note ? { note } : {}) },
            headers: { ...bearer(token), 'Idempotency-Key': key.take() },
          })
        }
      />
    </section>
  );
}

/**
 * Approve at once, or decline: declining first asks for an optional reason, then for the decline itself,
 * so a slip of the thumb does not end the job.
 */
function DecisionForm({
  labelledBy,
  words,
  approveText,
  declineText,
  declineHint,
  mayApprove,
  mayDecline,
  sending,
  locked,
  error,
  onDecide,
}: {
  labelledBy: string;
  words: Words;
  approveText: string;
  declineText: string;
  declineHint?: string;
  mayApprove: boolean;
  mayDecline: boolean;
  sending: Decision | null;
  /** Sending, or answered and waiting for the page to catch up: nothing to press twice. */
  locked: boolean;
  error: unknown;
  onDecide: (decision: Decision, note?: string) => void;
}) {
  const [declining, setDeclining] = useState(false);
  const [note, setNote] = useState('');

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const text = note.trim();
    onDecide(declining ? 'DECLINE' : 'APPROVE', declining && text !== '' ? text : undefined);
  }

  return (
    <form className="form" aria-labelledby={labelledBy} onSubmit={submit}>
      {declining && (
        <Field label={words.price.reason} name="note" error={apiErrorOf(error)} hint={declineHint}>
          <textarea
            name="note"
            maxLength={1000}
            value={note}
            onChange={(event) => setNote(event.target.value)}
          />
        </Field>
      )}
      <ErrorMessage error={error} shownFields={declining ? ['note'] : []} />
      <div className="customer-actions">
        {declining ? (
          <>
            <button type="submit" className="customer-button customer-decline" disabled={locked}>
              {sending === 'DECLINE' ? words.price.sending : declineText}
            </button>
            <button
              type="button"
              className="customer-button"
              disabled={locked}
              onClick={() => setDeclining(false)}
            >
              {words.price.back}
            </button>
          </>
        ) : (
          <>
            {mayApprove && (
              <button type="submit" className="primary customer-button" disabled={locked}>
                {sending === 'APPROVE' ? words.price.sending : approveText}
              </button>
            )}
            {mayDecline && (
              <button
                type="button"
                className="customer-button"
                disabled={locked}
                onClick={() => setDeclining(true)}
              >
                {words.price.decline}
              </button>
            )}
          </>
        )}
      </div>
    </form>
  );
}

/**
 * What the customer agreed to while the work goes on: the quote's answer and total, and the added work
 * answered since, with the lines one tap away.
 */
function AgreedPrice({ pricing, words, money }: { pricing: Pricing; words: Words; money: Money }) {
  const headingId = useId();
  const quote = pricing.quote;
  const answered = pricing.addedWork.filter((work) => work.status !== 'PENDING');
  if (!quote || quote.status === 'NOT_NEEDED' || quote.status === 'PENDING') return null;
  const approved =
    (quote.status === 'APPROVED' ? quote.estimate.total : 0) +
    answered.filter((work) => work.status === 'APPROVED').reduce((sum, work) => sum + work.estimate.total, 0);
  return (
    <section className="customer-card customer-priced" aria-labelledby={headingId} data-testid="agreed-price">
      <h2 id={headingId}>{words.quote.agreed}</h2>
      <Answered
        what={words.quote.row}
        status={words.quote.status[quote.status]}
        at={quote.decidedAt}
        total={quote.estimate.total}
        lines={quote.estimate.lines}
        {...{ words, money }}
      />
      {answered.map((work) => (
        <Answered
          key={work.id}
          what={work.reason}
          status={words.quote.status[work.status === 'LAPSED' ? 'EXPIRED' : work.status]}
          at={work.decidedAt}
          total={work.estimate.total}
          lines={work.estimate.lines}
          {...{ words, money }}
        />
      ))}
      {answered.some((work) => work.status === 'APPROVED') && (
        <p className="customer-sum">
          <span>{words.price.approvedInAll}</span>
          <strong>{money(approved)}</strong>
        </p>
      )}
    </section>
  );
}

function Answered({
  what,
  status,
  at,
  total,
  lines,
  words,
  money,
}: {
  what: string;
  status: string;
  at: string | null;
  total: number;
  lines: PricedLine[];
  words: Words;
  money: Money;
}) {
  return (
    <details className="customer-answered">
      <summary>
        <span className="customer-answered-what">
          {what}
          <span className="small muted">
            {' · '}
            {status}
            {at && ` · ${dateTimeIn(words, at)}`}
          </span>
        </span>
        <strong>{money(total)}</strong>
      </summary>
      <PriceLines lines={lines} total={total} label={what} words={words} money={money} />
    </details>
  );
}

/** The bill: the lines charged, what they come to by kind, and what the customer pays of it. */
function AmountDueCard({ due, words, money }: { due: Schemas['AmountDueDto']; words: Words; money: Money }) {
  const headingId = useId();
  const covered = due.coverage !== 'PAID';
  // Paid work in full: the lines' total is what the customer pays, said once.
  const paysAll = due.lines.length > 0 && due.due.total === due.worth.total;
  return (
    <section className="customer-card customer-priced" aria-labelledby={headingId} data-testid="amount-due">
      <h2 id={headingId}>{words.due.heading}</h2>
      {due.reason === 'QUOTE_DECLINED' && <p>{words.due.declinedIntro}</p>}
      {covered && <p className="customer-covered">{words.due.covered[due.coverage]}</p>}
      {due.lines.length > 0 && (
        <PriceLines
          lines={due.lines}
          total={due.worth.total}
          subtotals={due.worth}
          totalLabel={paysAll ? words.due.youPay : words.due.worth}
          totalTestId={paysAll ? 'amount-due-total' : 'amount-due-worth'}
          label={words.due.heading}
          words={words}
          money={money}
        />
      )}
      {!paysAll && (
        <p className="customer-sum customer-due" data-testid="amount-due-total">
          <span>{words.due.youPay}</span>
          <strong>{due.due.total === 0 ? words.due.nothing : money(due.due.total)}</strong>
        </p>
      )}
    </section>
  );
}

/** The lines of a quote, added work or bill: what, how many at which price, the amount; then the total. */
function PriceLines({
  lines,
  total,
  subtotals,
  totalLabel,
  totalTestId = 'price-total',
  label,
  words,
  money,
}: {
  lines: PricedLine[];
  total: number;
  /** Labour, parts, materials and services: shown above the total when there are two kinds or more. */
  subtotals?: Totals;
  totalLabel?: string;
  totalTestId?: string;
  label: string;
  words: Words;
  money: Money;
}) {
  const kinds = subtotals ? CATEGORIES.filter((category) => subtotals[category] !== 0) : [];
  return (
    <table className="customer-lines" aria-label={label}>
      <thead>
        <tr>
          <th scope="col">{words.price.item}</th>
          <th scope="col" className="customer-amount">
            {words.price.amount}
          </th>
        </tr>
      </thead>
      <tbody>
        {lines.map((line, index) => (
          <tr key={`${line.code}-${index}`} data-code={line.code}>
            <td>
              <span className="customer-line-what">
                {line.code === LABOUR_HOURS_CODE ? words.price.labourHours : line.description}
              </span>
              <span className="small muted">
                {words.price.each(
                  line.quantity.toLocaleString(words.locale),
                  words.price.units[line.unit] ?? line.unit,
                  money(line.unitPrice),
                )}
              </span>
            </td>
            <td className="customer-amount">{money(line.amount)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        {subtotals &&
          kinds.length > 1 &&
          kinds.map((category) => (
            <tr key={category} className="customer-subtotal" data-category={category}>
              <th scope="row">{words.price.kind[KIND_OF[category]]}</th>
              <td className="customer-amount">{money(subtotals[category])}</td>
            </tr>
          ))}
        <tr className="customer-total">
          <th scope="row">{totalLabel ?? words.price.total}</th>
          <td className="customer-amount" data-testid={totalTestId}>
            <strong>{money(total)}</strong>
          </td>
        </tr>
      </tfoot>
    </table>
  );
}

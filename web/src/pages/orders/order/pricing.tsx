// "Price and parts": what a priced order's work costs and where its parts are. The quotes and added work
// the customer answered, the parts reserved for it, the amount due itemised, payments taken on site, parts
// the technician bought himself, and the parts taken out for the supervisor to inspect. Money arrives in
// minor units and is shown in the order's currency.
import type { ReactNode } from 'react';
import type { Schemas } from '../../../api/client';
import type { Claims } from '../../../auth/session';
import { formatDateTime } from '../../../components/time';
import { COVERAGE_LABELS, enumLabel } from '../../../components/vocabulary';
import { DISPOSAL_LABELS, humanize, type OrderRead } from './labels';
import { personName, type PeopleNames } from './people';
import { moneyIn, orderCurrency, useOrderCatalogue, type Estimate, type Pricing } from './pricing-basis';

type Money = (minor: number) => string;
type Actor = Schemas['ActorDto'];

const QUOTE_TONE: Record<string, string> = {
  PENDING: 'warn',
  APPROVED: 'ok',
  NOT_NEEDED: 'ok',
  DECLINED: 'bad',
  EXPIRED: 'bad',
  LAPSED: 'bad',
  WAITING_STOCK: 'warn',
  RESERVING: 'warn',
  RESERVED: 'ok',
  OK: 'ok',
  PENDING_APPROVAL: 'warn',
  FAULTY: 'ok',
  FAULTLESS: 'bad',
};

const STATUS_WORDS: Record<string, string> = {
  PENDING: 'waiting for the customer',
  NOT_NEEDED: 'no approval needed',
  EXPIRED: 'expired unanswered',
  WITHDRAWN: 'withdrawn (the order left the quote stage)',
  LAPSED: 'lapsed unanswered',
  WAITING_STOCK: 'waiting for stock',
  PENDING_APPROVAL: 'needs a supervisor',
  OK: 'within tolerance',
};

function StateBadge({ status }: { status: string }) {
  return (
    <span className={`badge ${QUOTE_TONE[status] ?? ''}`} data-status={status}>
      {STATUS_WORDS[status] ?? humanize(status).toLowerCase()}
    </span>
  );
}

function Who({
  actor,
  at,
  names,
  claims,
}: {
  actor: Actor | null;
  at: string | null;
  names: PeopleNames;
  claims: Claims | null;
}) {
  if (!actor) return null;
  const who =
    actor.role === 'customer'
      ? 'the customer'
      : actor.role === 'system'
        ? 'the system'
        : personName(actor.id, names, claims, actor.name ?? actor.role);
  return (
    <>
      {who}
      {at ? `, ${formatDateTime(at)}` : ''}
    </>
  );
}

/**
 * An estimate's lines with their kind, quantity, unit price and amount, and its total. On a phone the unit
 * price moves under the quantity, so that the amounts stay in sight without scrolling sideways.
 */
export function EstimateTable({
  estimate,
  money,
  caption,
  withLimit = false,
}: {
  estimate: Pick<Estimate, 'lines' | 'total' | 'approvalLimit'>;
  money: Money;
  caption: string;
  withLimit?: boolean;
}) {
  return (
    <div className="table-wrap">
      <table className="order-money-table">
        <caption className="order-caption">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Item</th>
            <th scope="col" className="num">
              Qty
            </th>
            <th scope="col" className="num order-col-unit">
              Unit price
            </th>
            <th scope="col" className="num">
              Amount
            </th>
          </tr>
        </thead>
        <tbody>
          {estimate.lines.map((line, index) => (
            <tr key={`${line.code}-${index}`} data-code={line.code}>
              <td>
                {line.description}
                <div className="small muted">
                  {enumLabel(line.kind)} · {line.code}
                </div>
              </td>
              <td className="num">
                {line.quantity} {line.unit}
                <div className="small muted order-phone-only">× {money(line.unitPrice)}</div>
              </td>
              <td className="num order-col-unit">{money(line.unitPrice)}</td>
              <td className="num">{money(line.amount)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={2}>
              Total
            </th>
            <td className="order-col-unit" />
            <td className="num" data-testid="estimate-table-total">
              <strong>{money(estimate.total)}</strong>
            </td>
          </tr>
          {withLimit && (
            <tr>
              <th scope="row" colSpan={2} className="muted">
                Approval covers a final price up to
              </th>
              <td className="order-col-unit" />
              <td className="num muted">{money(estimate.approvalLimit)}</td>
            </tr>
          )}
        </tfoot>
      </table>
    </div>
  );
}

function Part({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="order-pricing-part" aria-label={title}>
      <h3>{title}</h3>
      {children}
    </section>
  );
}

function Quotes({ pricing, money, names, claims }: Parts) {
  if (pricing.quotes.length === 0) return null;
  return (
    <Part title="Quotes">
      {[...pricing.quotes].reverse().map((quote) => (
        <article
          key={quote.id}
          className="order-pricing-item"
          data-quote={quote.id}
          aria-label={`Quote ${quote.id}`}
        >
          <div className="row">
            <strong>Quote {quote.id}</strong>
            <StateBadge status={quote.status} />
          </div>
          <p className="small muted">
            Proposed by <Who actor={quote.proposedBy} at={quote.proposedAt} names={names} claims={claims} />
            {quote.decidedBy && (
              <>
                {' '}
                · {quote.status === 'APPROVED' ? 'approved' : 'answered'} by{' '}
                <Who actor={quote.decidedBy} at={quote.decidedAt} names={names} claims={claims} />
              </>
            )}
          </p>
          {quote.note && <p className="small">Note: {quote.note}</p>}
          {quote.decisionNote && <p className="small">Customer&apos;s answer: {quote.decisionNote}</p>}
          <EstimateTable
            estimate={quote.estimate}
            money={money}
            caption={`Lines of quote ${quote.id}`}
            withLimit
          />
        </article>
      ))}
    </Part>
  );
}

function AddedWork({ pricing, money, names, claims }: Parts) {
  if (pricing.addedWork.length === 0) return null;
  return (
    <Part title="Added work">
      {[...pricing.addedWork].reverse().map((addition) => (
        <article key={addition.id} className="order-pricing-item" aria-label={`Added work ${addition.id}`}>
          <div className="row">
            <strong>Added work {addition.id}</strong>
            <StateBadge status={addition.status} />
          </div>
          <p>{addition.reason}</p>
          <p className="small muted">
            Proposed by{' '}
            <Who actor={addition.proposedBy} at={addition.proposedAt} names={names} claims={claims} />
            {addition.decidedBy && (
              <>
                {' '}
                · answered by{' '}
                <Who actor={addition.decidedBy} at={addition.decidedAt} names={names} claims={claims} />
              </>
            )}
          </p>
          <EstimateTable
            estimate={addition.estimate}
            money={money}
            caption={`Lines of added work ${addition.id}`}
          />
        </article>
      ))}
    </Part>
  );
}

function Reservations({ pricing }: Parts) {
  if (pricing.reservations.length === 0) return null;
  return (
    <Part title="Parts reservations">
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Request</th>
              <th scope="col">Status</th>
              <th scope="col">Location</th>
              <th scope="col">Short of</th>
              <th scope="col">Purchase requests</th>
            </tr>
          </thead>
          <tbody>
            {pricing.reservations.map((reservation) => (
              <tr key={reservation.requestId}>
                <td>{reservation.requestId}</td>
                <td>
                  <StateBadge status={reservation.status} />
                </td>
                <td>{reservation.locationCode}</td>
                <td>
                  {reservation.shortfall.length === 0
                    ? '—'
                    : reservation.shortfall
                        .map(
                          (short) => `${short.partCode}: ${short.requested} asked, ${short.available} free`,
                        )
                        .join('; ')}
                </td>
                <td>
                  {reservation.purchaseRequestIds.length ? reservation.purchaseRequestIds.join(', ') : '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Part>
  );
}

const CATEGORIES = [
  ['labour', 'Labour'],
  ['parts', 'Parts'],
  ['materials', 'Materials'],
  ['services', 'Services'],
] as const;

function AmountDue({ pricing, money }: Parts) {
  const due = pricing.amountDue;
  if (!due) return null;
  const covered = due.due.total !== due.worth.total;
  return (
    <Part title="Amount due">
      <p className="small">
        {due.reason === 'QUOTE_DECLINED' ? 'The quote was declined: ' : 'For the work done: '}
        {COVERAGE_LABELS[due.coverage]}.
      </p>
      {due.lines.length > 0 && (
        <EstimateTable
          estimate={{ lines: due.lines, total: due.worth.total, approvalLimit: due.worth.total }}
          money={money}
          caption="Billable lines"
        />
      )}
      <div className="table-wrap">
        <table className="order-money-table order-category-table" data-testid="amount-due">
          <caption className="order-caption">By category</caption>
          <thead>
            <tr>
              <th scope="col">Category</th>
              <th scope="col" className="num">
                Worth
              </th>
              <th scope="col" className="num">
                Due
              </th>
            </tr>
          </thead>
          <tbody>
            {CATEGORIES.map(([key, label]) => (
              <tr key={key}>
                <th scope="row">{label}</th>
                <td className="num">{money(due.worth[key])}</td>
                <td className="num">{money(due.due[key])}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">Total</th>
              <td className="num">{money(due.worth.total)}</td>
              <td className="num" data-testid="amount-due-total">
                <strong>{money(due.due.total)}</strong>
              </td>
            </tr>
          </tfoot>
        </table>
      </div>
      {covered && <p className="small muted">Covered work: the customer pays the "due" column only.</p>}
      {due.unapprovedParts.length > 0 && (
        <p className="small order-pricing-warning">
          Used beyond the approval, not billed:{' '}
          {due.unapprovedParts.map((part) => `${part.code} × ${part.quantity}`).join(', ')}
        </p>
      )}
    </Part>
  );
}

function Payments({ pricing, money, names, claims }: Parts) {
  if (pricing.payments.length === 0 && !pricing.invoiceNo) return null;
  return (
    <Part title="Payments taken on site">
      {pricing.payments.length > 0 && (
        <div className="table-wrap">
          <table className="order-money-table">
            <thead>
              <tr>
                <th scope="col" className="num">
                  Amount
                </th>
                <th scope="col">Method</th>
                <th scope="col">Taken by</th>
              </tr>
            </thead>
            <tbody>
              {pricing.payments.map((payment, index) => (
                <tr key={`${payment.collectedAt}-${index}`}>
                  <td className="num">{money(payment.amount)}</td>
                  <td>
                    {payment.paymentMethod}
                    <div className="small muted">
                      {payment.receiptNo ? `receipt ${payment.receiptNo}` : 'no receipt'}
                    </div>
                  </td>
                  <td>
                    <Who actor={payment.collectedBy} at={payment.collectedAt} names={names} claims={claims} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pricing.invoiceNo && <p className="small">Invoice {pricing.invoiceNo}</p>}
    </Part>
  );
}

function SelfBought({ pricing, money, names, claims }: Parts) {
  if (pricing.selfBoughtParts.length === 0) return null;
  return (
    <Part title="Parts the technician bought">
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Part</th>
              <th scope="col" className="num">
                Invoice
              </th>
              <th scope="col" className="num">
                Catalogue price
              </th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {pricing.selfBoughtParts.map((part) => (
              <tr key={part.code} data-code={part.code}>
                <td>
                  {part.code} × {part.quantity}
                  <div className="small muted">invoice {part.invoiceRef}</div>
                </td>
                <td className="num">{money(part.invoiceAmount)}</td>
                <td className="num">
                  {money(part.cataloguePrice * part.quantity)}
                  {part.quantity > 1 && <div className="small muted">{money(part.cataloguePrice)} each</div>}
                </td>
                <td>
                  <StateBadge status={part.status} />
                  {part.problem && <div className="small">{part.problem}</div>}
                  {part.approvedBy && (
                    <div className="small muted">
                      approved by <Who actor={part.approvedBy} at={null} names={names} claims={claims} />
                    </div>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Part>
  );
}

function Replaced({ pricing, names, claims }: Parts) {
  if (pricing.replacedParts.length === 0) return null;
  return (
    <Part title="Replaced parts">
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Part</th>
              <th scope="col">Disposal</th>
              <th scope="col">Inspection</th>
            </tr>
          </thead>
          <tbody>
            {pricing.replacedParts.map((part) => (
              <tr key={part.code} data-code={part.code}>
                <td>
                  {part.code} × {part.quantity}
                </td>
                <td>{DISPOSAL_LABELS[part.disposal]}</td>
                <td data-testid={`inspection-${part.code}`}>
                  {part.inspection ? (
                    <>
                      <StateBadge status={part.inspection.result} />
                      <div className="small muted">
                        <Who
                          actor={part.inspection.by}
                          at={part.inspection.at}
                          names={names}
                          claims={claims}
                        />
                      </div>
                      {part.inspection.note && <div className="small">{part.inspection.note}</div>}
                    </>
                  ) : (
                    <span className="muted">not inspected yet</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Part>
  );
}

interface Parts {
  pricing: Pricing;
  money: Money;
  names: PeopleNames;
  claims: Claims | null;
}

/** The whole "Price and parts" section's content, for an order with `pricing`. */
export function PricingSection({
  order,
  pricing,
  names,
  claims,
}: {
  order: OrderRead;
  pricing: Pricing;
  names: PeopleNames;
  claims: Claims | null;
}) {
  const catalogue = useOrderCatalogue(order);
  const money = moneyIn(orderCurrency(order, catalogue.data));
  const parts: Parts = { pricing, money, names, claims };
  const basis = pricing.basis;
  const nothingYet =
    pricing.quotes.length === 0 &&
    pricing.addedWork.length === 0 &&
    pricing.reservations.length === 0 &&
    pricing.payments.length === 0 &&
    pricing.selfBoughtParts.length === 0 &&
    pricing.replacedParts.length === 0 &&
    !pricing.amountDue;
  return (
    <div className="stack order-pricing">
      {basis ? (
        <dl className="order-facts">
          <div className="order-fact">
            <dt>Approved</dt>
            <dd data-testid="approved-total">{money(pricing.approvedTotal)}</dd>
          </div>
          <div className="order-fact">
            <dt>Catalogue</dt>
            <dd>
              version {basis.catalogueVersion} · {basis.currency}
            </dd>
          </div>
          <div className="order-fact">
            <dt>Quote needed above</dt>
            <dd>{money(basis.quoteSettings.quoteRequiredAbove)}</dd>
          </div>
          <div className="order-fact">
            <dt>Diagnosis fee</dt>
            <dd>
              {basis.quoteSettings.diagnosisFee === 0 ? 'none' : money(basis.quoteSettings.diagnosisFee)}
            </dd>
          </div>
        </dl>
      ) : (
        nothingYet && (
          <p className="empty">Nothing priced yet: the first quote prices the work from the catalogue.</p>
        )
      )}
      <Quotes {...parts} />
      <AddedWork {...parts} />
      <AmountDue {...parts} />
      <Payments {...parts} />
      <Reservations {...parts} />
      <SelfBought {...parts} />
      <Replaced {...parts} />
    </div>
  );
}

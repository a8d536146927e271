// The lines of a quote or of added work: each a catalogue item with its quantity, or labour by the hour
// (the order type × zone rate). The items come from the order's catalogue version; the running estimate
// beside the lines is priced by the domain's own rules, and the server prices it again when it is sent.
import type { ApiError, Schemas } from '../../../api/client';
import { ErrorMessage, Field } from '../../../components/forms';
import { enumLabel } from '../../../components/vocabulary';
import { coverageOf } from '../../../../../src/domain/priced-work';
import { quoteRequired } from '../../../../../src/domain/pricing';
import { LABOUR_HOURS_CODE, priceEstimate, type EstimateLine } from '../../../../../src/domain/pricing';
import type { OrderRead } from './labels';
import { moneyIn, orderCurrency, useOrderCatalogue, type Catalogue } from './pricing-basis';

export interface LineDraft {
  key: number;
  /** A catalogue code, LABOUR_HOURS_CODE for labour hours, '' when not chosen yet. */
  item: string;
  /** The quantity, or the hours. */
  amount: string;
}

let nextKey = 0;
export function newLine(): LineDraft {
  nextKey += 1;
  return { key: nextKey, item: '', amount: '1' };
}

function numberOrNaN(text: string): number {
  return text.trim() === '' ? Number.NaN : Number(text.trim());
}

/**
 * The body's `lines`: `{code, quantity}` or `{labourHours}`. A blank number goes as NaN (JSON null) and an
 * unchosen item without a code, for the server to name at the line's own field.
 */
export function estimateBody(lines: readonly LineDraft[]): Schemas['EstimateLineDto'][] {
  return lines.map((line) => {
    if (line.item === LABOUR_HOURS_CODE) return { labourHours: numberOrNaN(line.amount) };
    if (line.item === '') return { quantity: numberOrNaN(line.amount) };
    return { code: line.item, quantity: numberOrNaN(line.amount) };
  });
}

function estimateLine(line: LineDraft): EstimateLine | null {
  const value = numberOrNaN(line.amount);
  if (!Number.isFinite(value) || value <= 0) return null;
  if (line.item === LABOUR_HOURS_CODE) return { labourHours: value };
  return line.item === '' ? null : { code: line.item, quantity: value };
}

const KIND_ORDER = ['LABOUR', 'PART', 'MATERIAL', 'SERVICE'] as const;

function ItemOptions({ catalogue, money }: { catalogue: Catalogue; money: (minor: number) => string }) {
  return (
    <>
      {KIND_ORDER.map((kind) => {
        const items = catalogue.items.filter((item) => item.kind === kind);
        if (items.length === 0) return null;
        return (
          <optgroup key={kind} label={enumLabel(kind)}>
            {items.map((item) => (
              <option key={item.code} value={item.code}>
                {item.code}: {item.description} ({money(item.unitPrice)} / {item.unit})
              </option>
            ))}
          </optgroup>
        );
      })}
    </>
  );
}

/**
 * The lines builder, controlled by the form that sends them. `bodyPath` is the body's array (`lines`), so
 * the server's reasons land on their line.
 */
export function EstimateLines({
  order,
  lines,
  onChange,
  error,
  bodyPath = 'lines',
}: {
  order: OrderRead;
  lines: LineDraft[];
  onChange: (lines: LineDraft[]) => void;
  error: ApiError | null;
  bodyPath?: string;
}) {
  const catalogue = useOrderCatalogue(order);
  const currency = orderCurrency(order, catalogue.data);
  const money = moneyIn(currency);
  const job = { orderType: order.details.type, zone: order.details.customer.zone };
  const hourlyRate = catalogue.data?.labourRates.find(
    (rate) => rate.orderType === job.orderType && rate.zone === job.zone,
  )?.hourlyRate;

  const update = (key: number, change: Partial<LineDraft>) =>
    onChange(lines.map((line) => (line.key === key ? { ...line, ...change } : line)));

  const priced = lines.map((line) => {
    const parsed = estimateLine(line);
    if (!parsed || !catalogue.data) return null;
    const result = priceEstimate([parsed], catalogue.data, job);
    return result.ok ? result.estimate.lines[0] : null;
  });
  const all = lines.map(estimateLine);
  const complete = catalogue.data && all.every((line): line is EstimateLine => line !== null);
  const estimate =
    complete && catalogue.data ? priceEstimate(all as EstimateLine[], catalogue.data, job) : null;

  return (
    <div className="stack order-estimate">
      {catalogue.error && <ErrorMessage error={catalogue.error} />}
      {lines.map((line, index) => {
        const hours = line.item === LABOUR_HOURS_CODE;
        const at = `${bodyPath}[${index}]`;
        const price = priced[index];
        return (
          <fieldset key={line.key} className="order-estimate-line">
            <legend>Line {index + 1}</legend>
            <Field label="Item" name={`${at}.code`} error={error}>
              {catalogue.data ? (
                <select
                  value={line.item}
                  onChange={(event) => update(line.key, { item: event.target.value })}
                >
                  <option value="">Choose an item…</option>
                  <option value={LABOUR_HOURS_CODE}>
                    Labour hours
                    {hourlyRate !== undefined ? ` (${money(hourlyRate)} an hour)` : ''}
                  </option>
                  <ItemOptions catalogue={catalogue.data} money={money} />
                </select>
              ) : (
                <input
                  value={line.item}
                  placeholder={catalogue.isPending ? 'Loading the catalogue…' : 'Catalogue code'}
                  autoCapitalize="characters"
                  spellCheck={false}
                  onChange={(event) => update(line.key, { item: event.target.value.trim() })}
                />
              )}
            </Field>
            <Field
              label={hours ? 'Hours' : 'Quantity'}
              name={hours ? `${at}.labourHours` : `${at}.quantity`}
              error={error}
            >
              <input
                type="number"
                inputMode="decimal"
                min={0}
                step={hours ? 0.25 : 'any'}
                value={line.amount}
                onChange={(event) => update(line.key, { amount: event.target.value })}
              />
            </Field>
            <div className="order-estimate-line-foot">
              <span className="small muted" data-testid="line-amount">
                {price ? `${money(price.unitPrice)} × ${price.quantity} = ${money(price.amount)}` : ' '}
              </span>
              {lines.length > 1 && (
                <button
                  type="button"
                  className="link"
                  onClick={() => onChange(lines.filter((other) => other.key !== line.key))}
                >
                  Remove line {index + 1}
                </button>
              )}
            </div>
          </fieldset>
        );
      })}
      <button type="button" onClick={() => onChange([...lines, newLine()])}>
        Add a line
      </button>
      {estimate?.ok && (
        <EstimatePreview
          order={order}
          total={estimate.estimate.total}
          limit={estimate.estimate.approvalLimit}
          money={money}
          catalogue={catalogue.data}
        />
      )}
    </div>
  );
}

function EstimatePreview({
  order,
  total,
  limit,
  money,
  catalogue,
}: {
  order: OrderRead;
  total: number;
  limit: number;
  money: (minor: number) => string;
  catalogue: Catalogue | undefined;
}) {
  const settings = order.pricing?.basis?.quoteSettings ?? catalogue?.quoteSettings;
  const needsApproval = settings ? quoteRequired(coverageOf(order.details), total, settings) : null;
  return (
    <p className="order-estimate-total" role="status" aria-live="polite">
      Estimate <strong data-testid="estimate-total">{money(total)}</strong>
      <span className="small muted">
        {' '}
        · final price up to {money(limit)}
        {needsApproval === null
          ? ''
          : needsApproval
            ? ' · the customer must approve it'
            : ' · no approval needed'}
      </span>
    </p>
  );
}

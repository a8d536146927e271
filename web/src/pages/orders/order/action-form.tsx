// The frame every action form shares: a titled section (so tests and screen readers find it by name),
// the server's refusal, and helpers to read what was submitted.
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { idempotencyKey, type ApiError } from '../../../api/client';
import { apiErrorOf, ErrorMessage, Field, isSameOrNested } from '../../../components/forms';

export function ActionForm({
  title,
  description,
  onSubmit,
  error,
  shownFields,
  children,
  buttons,
}: {
  title: string;
  description?: ReactNode;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  /** The mutation's error: a refusal is shown with the server's message. */
  error: unknown;
  /** Body paths (or their parents: `items`) the form shows at fields; other reasons go with the message. */
  shownFields: string[];
  children?: ReactNode;
  buttons: ReactNode;
}) {
  const headingId = useId();
  const refusal = apiErrorOf(error);
  // The server's field paths shown at a field of the form (a part line's `items[1].code` under `items`).
  const atFields = (refusal?.fields ?? [])
    .map((entry) => entry.field)
    .filter((field) =>
      shownFields.some((shown) => isSameOrNested(field, shown) || isSameOrNested(shown, field)),
    );
  return (
    <section className="card order-action">
      <h3 id={headingId}>{title}</h3>
      {description && <div className="small muted">{description}</div>}
      {/* noValidate: the server's validation messages are the ones shown at the fields. */}
      <form className="form" onSubmit={onSubmit} aria-labelledby={headingId} noValidate>
        {children}
        <ErrorMessage error={error} shownFields={atFields} />
        <div className="order-action-buttons">{buttons}</div>
      </form>
    </section>
  );
}

/** The submitted form's values and the value of the button that submitted it (the decision). */
export function submission(event: FormEvent<HTMLFormElement>): {
  form: FormData;
  choice: string | undefined;
} {
  event.preventDefault();
  const submitter = event.nativeEvent instanceof SubmitEvent ? event.nativeEvent.submitter : null;
  const button = submitter instanceof HTMLButtonElement ? submitter : null;
  return { form: new FormData(event.currentTarget, button), choice: button?.value || undefined };
}

/** A `datetime-local` value (the reader's time zone) as an ISO instant; blank stays undefined. */
export function isoFromLocal(value: FormDataEntryValue | null): string | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : date.toISOString();
}

/**
 * Optional appointment window (start and end). Both blank: no appointment; one of them filled: sent
 * with the other blank, so the server says which one is missing.
 */
export function AppointmentFields({ error, legend }: { error: ApiError | null; legend: string }) {
  return (
    <fieldset>
      <legend>{legend}</legend>
      <Field label="From" name="appointment.start" error={error}>
        <input type="datetime-local" name="appointmentStart" />
      </Field>
      <Field label="To" name="appointment.end" error={error}>
        <input type="datetime-local" name="appointmentEnd" />
      </Field>
    </fieldset>
  );
}

export function appointmentFrom(form: FormData): { start: string; end: string } | undefined {
  const start = isoFromLocal(form.get('appointmentStart'));
  const end = isoFromLocal(form.get('appointmentEnd'));
  if (start === undefined && end === undefined) return undefined;
  return { start: start ?? '', end: end ?? '' };
}

export interface PartLine {
  code: string;
  quantity: number;
  warranty?: string;
}

let nextRowKey = 0;
const newRow = () => ({ key: nextRowKey++ });

/**
 * Repeatable part lines (code, quantity and, for parts used, their own warranty). `bodyPath` is the
 * body's array (`items`, `partsUsed`) so the server's reasons land on the right line.
 */
export function PartLines({
  bodyPath,
  error,
  withWarranty = false,
  withSelfBought = false,
  suggestions = [],
  minLines = 1,
}: {
  bodyPath: string;
  error: ApiError | null;
  withWarranty?: boolean;
  /** Priced orders: a part the technician bought himself, with its invoice (see selfBoughtFrom). */
  withSelfBought?: boolean;
  /** Part codes to offer while typing (the order's catalogue parts). */
  suggestions?: readonly { code: string; label: string }[];
  minLines?: number;
}) {
  const [rows, setRows] = useState(() => Array.from({ length: minLines }, newRow));
  const listId = useId();
  return (
    <div className="stack">
      {suggestions.length > 0 && (
        <datalist id={listId}>
          {suggestions.map((suggestion) => (
            <option key={suggestion.code} value={suggestion.code}>
              {suggestion.label}
            </option>
          ))}
        </datalist>
      )}
      {rows.map((row, index) => (
        <fieldset key={row.key} className={`order-part-line ${withWarranty ? 'with-warranty' : ''}`}>
          <legend>Part {index + 1}</legend>
          <Field label="Part code" name={`${bodyPath}[${index}].code`} error={error}>
            <input
              name="partCode"
              autoCapitalize="characters"
              list={suggestions.length > 0 ? listId : undefined}
            />
          </Field>
          <Field label="Quantity" name={`${bodyPath}[${index}].quantity`} error={error}>
            <input name="partQuantity" type="number" inputMode="numeric" min={1} step={1} defaultValue={1} />
          </Field>
          {withWarranty && (
            <Field
              label="Part warranty"
              name={`${bodyPath}[${index}].warranty`}
              error={error}
              hint="Optional, e.g. 180d"
            >
              <input name="partWarranty" />
            </Field>
          )}
          {withSelfBought && (
            <details className="order-self-bought">
              <summary>Bought it yourself?</summary>
              <div className="order-self-bought-fields">
                <Field
                  label="Invoice amount"
                  name={`${bodyPath}[${index}].selfBought.invoiceAmount`}
                  error={error}
                  hint="For the whole quantity, e.g. 45.00"
                >
                  <input name="partInvoiceAmount" inputMode="decimal" autoComplete="off" />
                </Field>
                <Field
                  label="Invoice reference"
                  name={`${bodyPath}[${index}].selfBought.invoiceRef`}
                  error={error}
                >
                  <input name="partInvoiceRef" autoComplete="off" />
                </Field>
              </div>
            </details>
          )}
          {rows.length > minLines && (
            <button
              type="button"
              className="link order-remove-part"
              onClick={() => setRows(rows.filter((other) => other.key !== row.key))}
            >
              Remove part {index + 1}
            </button>
          )}
        </fieldset>
      ))}
      <button type="button" onClick={() => setRows([...rows, newRow()])}>
        Add a part
      </button>
    </div>
  );
}

/** The lines PartLines rendered, in order; a blank quantity goes as NaN (JSON null) for the server to name. */
export function partLinesFrom(form: FormData): PartLine[] {
  const codes = form.getAll('partCode');
  const quantities = form.getAll('partQuantity');
  const warranties = form.getAll('partWarranty');
  return codes.map((code, index) => {
    const quantity = String(quantities[index] ?? '').trim();
    const warranty = String(warranties[index] ?? '').trim();
    return {
      code: String(code).trim(),
      quantity: quantity === '' ? Number.NaN : Number(quantity),
      ...(warranty ? { warranty } : {}),
    };
  });
}

/** Each PartLines row's invoice (blank when the part came from stock), in order, as typed. */
export function selfBoughtFrom(form: FormData): { invoiceAmount: string; invoiceRef: string }[] {
  const refs = form.getAll('partInvoiceRef');
  return form.getAll('partInvoiceAmount').map((amount, index) => ({
    invoiceAmount: String(amount).trim(),
    invoiceRef: String(refs[index] ?? '').trim(),
  }));
}

/** A command's request: the order, the body, and a fresh Idempotency-Key for this submission. */
export function commandInit<Body>(orderNo: string, body: Body) {
  return {
    params: { path: { orderNo } },
    body,
    headers: { 'Idempotency-Key': idempotencyKey() },
  };
}

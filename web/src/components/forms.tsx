import type { ReactNode } from 'react';
import { asApiError, type ApiError } from '../api/client';

/**
 * The reasons the server gave for one field, matched by its path (`customer.phone`) or by a parent path
 * the server named instead (`customer`). Empty when the field is fine.
 */
export function reasonsFor(error: ApiError | null, field: string): string[] {
  if (!error) return [];
  return error.fields
    .filter(
      (entry) =>
        entry.field === field || field.startsWith(`${entry.field}.`) || field.startsWith(`${entry.field}[`),
    )
    .flatMap((entry) => entry.reasons);
}

/** The server's refusals no field on the form shows: the message itself, and fields the form lacks. */
export function ErrorMessage({ error, shownFields = [] }: { error: unknown; shownFields?: string[] }) {
  if (!error) return null;
  const refusal = asApiError(error);
  const unshown = refusal.fields.filter(
    (entry) => !shownFields.some((field) => field === entry.field || field.startsWith(`${entry.field}.`)),
  );
  return (
    <div className="error-message" role="alert">
      <strong>{refusal.message}</strong>
      {unshown.length > 0 && (
        <ul>
          {unshown.map((entry) => (
            <li key={entry.field}>
              {entry.field}: {entry.reasons.join('; ')}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** A labelled input with the server's reasons for it shown right below it. */
export function Field({
  label,
  name,
  error,
  hint,
  children,
}: {
  label: string;
  /** The field's path in the request body, as the server names it in its validation errors. */
  name: string;
  error: ApiError | null;
  hint?: string;
  children: ReactNode;
}) {
  const reasons = reasonsFor(error, name);
  return (
    <label className={`field ${reasons.length ? 'invalid' : ''}`} data-field={name}>
      <span className="field-label">{label}</span>
      {children}
      {hint && <span className="field-hint">{hint}</span>}
      {reasons.map((reason) => (
        <span key={reason} className="field-error" role="alert">
          {reason}
        </span>
      ))}
    </label>
  );
}

/** The error of a mutation or query as an ApiError, or null. */
export function apiErrorOf(error: unknown): ApiError | null {
  return error ? asApiError(error) : null;
}

export function formString(form: FormData, name: string): string | undefined {
  const value = form.get(name);
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

export function formNumber(form: FormData, name: string): number | undefined {
  const value = formString(form, name);
  return value === undefined ? undefined : Number(value);
}

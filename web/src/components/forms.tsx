import { cloneElement, isValidElement, useId, type ReactElement, type ReactNode } from 'react';
import { asApiError, type ApiError } from '../api/client';

/** A body path is `parent` itself or inside it: `items[0].code` is in `items`, `appointment.start` in `appointment`. */
export function isSameOrNested(path: string, parent: string): boolean {
  return path === parent || path.startsWith(`${parent}.`) || path.startsWith(`${parent}[`);
}

/**
 * The reasons the server gave for one field, matched by its path (`customer.phone`) or by a parent path
 * the server named instead (`customer`). Empty when the field is fine.
 */
export function reasonsFor(error: ApiError | null, field: string): string[] {
  if (!error) return [];
  return error.fields.filter((entry) => isSameOrNested(field, entry.field)).flatMap((entry) => entry.reasons);
}

/** The server's refusals no field on the form shows: the message itself, and fields the form lacks. */
export function ErrorMessage({ error, shownFields = [] }: { error: unknown; shownFields?: string[] }) {
  if (!error) return null;
  const refusal = asApiError(error);
  const unshown = refusal.fields.filter(
    (entry) => !shownFields.some((field) => isSameOrNested(field, entry.field)),
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

const CONTROLS = new Set(['input', 'select', 'textarea']);

interface ControlProps {
  id?: string;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean;
}

/**
 * A labelled control with the server's reasons for it shown right below it. A single input, select or
 * textarea gets the label by `for`/`id` and its hint and reasons by `aria-describedby`, so its accessible
 * name is the label alone (a label wrapped around a select would take in the option texts too). Anything
 * else is wrapped by the label as before.
 */
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
  const id = useId();
  const reasons = reasonsFor(error, name);
  const className = `field ${reasons.length ? 'invalid' : ''}`;
  const notes = (
    <>
      {hint && (
        <span id={`${id}-hint`} className="field-hint">
          {hint}
        </span>
      )}
      {reasons.length > 0 && (
        <span id={`${id}-reasons`} className="field-reasons">
          {reasons.map((reason) => (
            <span key={reason} className="field-error" role="alert">
              {reason}
            </span>
          ))}
        </span>
      )}
    </>
  );
  if (!isValidElement(children) || typeof children.type !== 'string' || !CONTROLS.has(children.type)) {
    return (
      <label className={className} data-field={name}>
        <span className="field-label">{label}</span>
        {children}
        {notes}
      </label>
    );
  }
  const control = children as ReactElement<ControlProps>;
  const controlId = control.props.id ?? id;
  const describedBy = [hint ? `${id}-hint` : '', reasons.length ? `${id}-reasons` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div className={className} data-field={name}>
      <label className="field-label" htmlFor={controlId}>
        {label}
      </label>
      {cloneElement(control, {
        id: controlId,
        'aria-describedby': describedBy || undefined,
        'aria-invalid': reasons.length > 0 || undefined,
      })}
      {notes}
    </div>
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

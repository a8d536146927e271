import type { ApiError } from '../../api/client';
import { enumLabel } from '../../components/vocabulary';

// Small pieces the admin forms share.

/**
 * The server's reasons for exactly this path, for what is not one labelled input (a group of checkboxes,
 * a weekday, an interval). Exact, unlike `reasonsFor`: a day's reasons stay off each of its intervals.
 */
export function FieldReasons({ error, field }: { error: ApiError | null; field: string }) {
  const reasons = (error?.fields ?? [])
    .filter((entry) => entry.field === field)
    .flatMap((entry) => entry.reasons);
  return (
    <>
      {reasons.map((reason) => (
        <span key={reason} className="field-error" role="alert">
          {reason}
        </span>
      ))}
    </>
  );
}

/** A group of checkboxes sending each checked option under one name, with the server's reasons for it. */
export function CheckGroup<Option extends string>({
  legend,
  name,
  options,
  checked,
  error,
}: {
  legend: string;
  name: string;
  options: readonly Option[];
  checked: readonly Option[];
  error: ApiError | null;
}) {
  return (
    <fieldset className="admin-checks">
      <legend>{legend}</legend>
      {options.map((option) => (
        <label key={option} className="check">
          <input type="checkbox" name={name} value={option} defaultChecked={checked.includes(option)} />
          {enumLabel(option)}
        </label>
      ))}
      <FieldReasons error={error} field={name} />
    </fieldset>
  );
}

import type { ApiError } from '../../api/client';
import { reasonsFor } from '../../components/forms';
import { enumLabel } from '../inbox/vocabulary';

// Small pieces the admin forms share.

/** The server's reasons for a field that is not one labelled input (a group of checkboxes, a weekday). */
export function FieldReasons({ error, field }: { error: ApiError | null; field: string }) {
  return (
    <>
      {reasonsFor(error, field).map((reason) => (
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

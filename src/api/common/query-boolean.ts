import { Transform } from 'class-transformer';

/**
 * A boolean query parameter: exactly `true` or `false`. Anything else (`1`, `0`, `yes`, an empty value, a
 * repeated parameter) stays as sent, so @IsBoolean refuses it with 400 naming the field.
 */
export const QueryBoolean = () =>
  Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value));

/**
 * An integer query parameter: decimal digits with an optional sign (`page=2`). Anything else — an empty
 * value (`level=`), `1e3`, ` 2`, `0x10`, a repeated parameter — stays as sent, so @IsInt refuses it with
 * 400 naming the field (`@Type(() => Number)` would read `level=` as 0 and `0x10` as 16).
 */
export const QueryInteger = () =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && /^[+-]?\d{1,15}$/.test(value) ? Number(value) : value,
  );

import { Transform } from 'class-transformer';

/** A boolean query parameter: `true`/`1` or `false`/`0`; anything else stays as sent for @IsBoolean to refuse. */
export const QueryBoolean = () =>
  Transform(({ value }: { value: unknown }) =>
    value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value,
  );

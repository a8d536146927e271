import { ValidateBy } from 'class-validator';
import { isCalendarDate } from '../../../domain';

export const CALENDAR_DATE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$';

/** `YYYY-MM-DD` naming a real day (2025-02-29 is refused), as the coverage rules read dates. */
export const IsCalendarDate = () =>
  ValidateBy({
    name: 'isCalendarDate',
    validator: {
      validate: (value: unknown) => isCalendarDate(value),
      defaultMessage: (args) => `${args?.property ?? 'value'} must be a calendar date such as 2024-03-01`,
    },
  });

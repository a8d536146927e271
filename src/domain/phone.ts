// Phone numbers to E.164 (`+8613800000001`), the one form SMS gateways take. A number typed without a
// country code belongs to the configured default country. Kept out of the domain index: the metadata
// behind it has no place in the workflow bundle.
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

/** The E.164 form of a valid number, or null when it is not a valid number. */
export function toE164(phone: string, defaultCountry: string): string | null {
  const parsed = parsePhoneNumberFromString(phone, defaultCountry as CountryCode);
  return parsed?.isValid() ? parsed.number : null;
}

// Who pays for an order's work, judged at intake (保修 / 超保 in the domain text): a valid service contract
// (合同服务 B) covers it, else the product's warranty period from the purchase date (免费服务 C), else the
// customer pays at the company's rates (收费服务 A). Dates are calendar dates (`YYYY-MM-DD`) without a time
// zone; the caller says what today is in the customer's zone (calendarDateIn).
import type { ProductModel } from './pricing';

export const COVERAGES = ['IN_WARRANTY', 'CONTRACT', 'PAID'] as const;
export type Coverage = (typeof COVERAGES)[number];

/** Coverage under which the customer pays nothing for the covered work at settlement. */
export function isCoveredWork(coverage: Coverage): boolean {
  return coverage !== 'PAID';
}

export interface CoverageEquipment {
  model?: string | null;
  serialNumber?: string | null;
  /** `YYYY-MM-DD`. */
  purchaseDate?: string | null;
  /** Where the purchase proof is (an invoice number, a scan's reference); the warranty needs one. */
  proofRef?: string | null;
}

export interface ServiceContract {
  number: string;
  /** `YYYY-MM-DD`, the last day the contract covers. */
  validUntil: string;
}

export interface CoverageJudgement {
  coverage: Coverage;
  /** One plain sentence naming the rule that decided. */
  reason: string;
  /** The last day the product's warranty covers, when model and purchase date allow computing it. */
  warrantyEndsOn: string | null;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

function dateParts(text: string): { year: number; month: number; day: number } | null {
  const match = ISO_DATE.exec(text);
  if (!match) return null;
  const [year, month, day] = match.slice(1).map(Number);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

function formatDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** A real calendar date written `YYYY-MM-DD` (`2025-02-29` is not one). */
export function isCalendarDate(text: unknown): text is string {
  return typeof text === 'string' && dateParts(text) !== null;
}

function partsOrThrow(date: string) {
  const parts = dateParts(date);
  if (!parts) throw new RangeError(`"${date}" is not a calendar date (YYYY-MM-DD)`);
  return parts;
}

/**
 * The same day `months` later, or the month's last day when it is shorter: 2024-01-31 + 1 → 2024-02-29,
 * 2024-02-29 + 12 → 2025-02-28, 2024-03-31 − 1 → 2024-02-29.
 */
export function addMonths(date: string, months: number): string {
  if (!Number.isInteger(months)) throw new RangeError(`months must be whole, got ${months}`);
  const { year, month, day } = partsOrThrow(date);
  const index = year * 12 + (month - 1) + months;
  const newYear = Math.floor(index / 12);
  const newMonth = (index % 12) + 1;
  return formatDate(newYear, newMonth, Math.min(day, daysInMonth(newYear, newMonth)));
}

export function addDays(date: string, days: number): string {
  if (!Number.isInteger(days)) throw new RangeError(`days must be whole, got ${days}`);
  const { year, month, day } = partsOrThrow(date);
  // UTC midnight has no daylight-saving gaps, so this is pure calendar arithmetic.
  const shifted = new Date(Date.UTC(year, month - 1, day + days));
  return formatDate(shifted.getUTCFullYear(), shifted.getUTCMonth() + 1, shifted.getUTCDate());
}

/** The calendar date (`YYYY-MM-DD`) it is at `instant` in the IANA time zone. */
export function calendarDateIn(instant: Date | number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(instant);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return formatDate(part('year'), part('month'), part('day'));
}

/**
 * The last day a warranty of `months` covers: the day before the same date `months` later (bought
 * 2024-03-15 with 12 months → covered through 2025-03-14). Null for a zero-month warranty.
 */
export function warrantyLastDay(purchaseDate: string, months: number): string | null {
  if (months <= 0) return null;
  return addDays(addMonths(purchaseDate, months), -1);
}

function isBlank(value: string | null | undefined): boolean {
  return value === undefined || value === null || value.trim() === '';
}

function findModel(models: readonly ProductModel[], name: string): ProductModel | undefined {
  const wanted = name.trim().toUpperCase();
  return models.find((model) => model.model.trim().toUpperCase() === wanted);
}

const paid = (reason: string): Omit<CoverageJudgement, 'warrantyEndsOn'> => ({ coverage: 'PAID', reason });

/**
 * Coverage of an order's work. A contract valid today (through its `validUntil`) → CONTRACT. Otherwise the
 * warranty: a catalogue model, a serial number (the warranty is the unit's), a purchase date not after
 * today, a proof of purchase, and today no later than the warranty's last day → IN_WARRANTY. Anything
 * missing or expired → PAID, and the reason says which rule decided.
 */
export function judgeCoverage(
  equipment: CoverageEquipment,
  context: { contract?: ServiceContract | null },
  models: readonly ProductModel[],
  today: string,
): CoverageJudgement {
  partsOrThrow(today);
  const model = isBlank(equipment.model) ? undefined : findModel(models, equipment.model as string);
  const purchaseDate = isBlank(equipment.purchaseDate) ? null : (equipment.purchaseDate as string).trim();
  const warrantyEndsOn =
    model && purchaseDate && isCalendarDate(purchaseDate)
      ? warrantyLastDay(purchaseDate, model.warrantyMonths)
      : null;

  const contract = context.contract ?? null;
  let contractNote = '';
  if (contract) {
    if (isCalendarDate(contract.validUntil) && contract.validUntil >= today) {
      return {
        coverage: 'CONTRACT',
        reason: `Covered by service contract ${contract.number}, valid until ${contract.validUntil}.`,
        warrantyEndsOn,
      };
    }
    contractNote = isCalendarDate(contract.validUntil)
      ? ` (service contract ${contract.number} ended on ${contract.validUntil})`
      : ` (service contract ${contract.number} has no valid end date)`;
  }

  const warranty = judgeWarranty(equipment, model, purchaseDate, warrantyEndsOn, today);
  return { ...warranty, reason: warranty.reason.replace(/\.$/, `${contractNote}.`), warrantyEndsOn };
}

function judgeWarranty(
  equipment: CoverageEquipment,
  model: ProductModel | undefined,
  purchaseDate: string | null,
  warrantyEndsOn: string | null,
  today: string,
): Omit<CoverageJudgement, 'warrantyEndsOn'> {
  if (isBlank(equipment.model)) {
    return paid('Paid service: no product model was given, so no warranty period applies.');
  }
  if (!model) {
    return paid(
      `Paid service: model ${(equipment.model as string).trim()} is not in the price catalogue, so no warranty period applies.`,
    );
  }
  if (model.warrantyMonths <= 0) {
    return paid(`Paid service: model ${model.model} carries no warranty.`);
  }
  if (isBlank(equipment.serialNumber)) {
    return paid("Paid service: no serial number was given, so the unit's warranty cannot be checked.");
  }
  if (purchaseDate === null) {
    return paid('Paid service: no purchase date was given, so the warranty period cannot be dated.');
  }
  if (!isCalendarDate(purchaseDate)) {
    return paid(`Paid service: the purchase date "${purchaseDate}" is not a calendar date (YYYY-MM-DD).`);
  }
  if (purchaseDate > today) {
    return paid(`Paid service: the purchase date ${purchaseDate} is after today, ${today}.`);
  }
  if (isBlank(equipment.proofRef)) {
    return paid('Paid service: no proof of purchase was recorded, and the warranty needs one.');
  }
  const period = `${model.model}'s ${model.warrantyMonths}-month warranty from the purchase on ${purchaseDate}`;
  if (warrantyEndsOn !== null && today <= warrantyEndsOn) {
    return {
      coverage: 'IN_WARRANTY',
      reason: `In warranty: ${period} (proof ${(equipment.proofRef as string).trim()}) covers through ${warrantyEndsOn}.`,
    };
  }
  return paid(`Paid service: ${period} ended on ${warrantyEndsOn}.`);
}

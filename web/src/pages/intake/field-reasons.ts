// Where each reason goes on the order form: the server's 400 reasons and the automatic check's problems
// are both named by body path; each is shown at the one input of that path, at its section (a whole
// appointment missing), or, when the form has no such place, in the list under the form.
import { ApiError, type FieldError } from '../../api/client';
import type { IntakeProblem, OrderDraft } from './order-draft';

/** Paths (without the body prefix) that have an input of their own. */
export function inputPathsOf(draft: OrderDraft): string[] {
  return [
    'type',
    'priority',
    'channel',
    'customer.name',
    'customer.phone',
    'customer.address',
    'customer.zone',
    'customer.email',
    'customer.region',
    'customer.lat',
    'customer.lng',
    'equipment.model',
    'equipment.serialNumber',
    'equipment.purchaseDate',
    'faultDescription',
    ...draft.serviceItems.flatMap((_, index) =>
      ['code', 'description', 'quantity', 'unitPrice'].map((name) => `serviceItems[${index}].${name}`),
    ),
    'totalAmount',
    'paymentMethod',
    'appointment.start',
    'appointment.end',
    'requiredSkills',
    'dispatchMode',
    ...(draft.dispatchMode === 'DIRECT' ? ['directTechnicianId'] : []),
  ];
}

/** Paths shown at the top of their section rather than at an input. */
export const SECTION_PATHS = ['customer', 'equipment', 'serviceItems', 'appointment'] as const;

export interface PlacedReasons {
  /** Reasons for single inputs, matched exactly (so a section's reason is not repeated at each input). */
  atInputs: ApiError | null;
  atSections: ApiError | null;
  /** The server's reasons for paths the form has no place for, with its message. */
  elsewhere: ApiError | null;
}

/**
 * Splits the server's refusal and the check's problems by where the form shows them. `prefix` is the
 * body path the form's fields sit under (`details.` in a supply-info body, nothing at intake).
 */
export function placeReasons(
  refusal: ApiError | null,
  problems: readonly IntakeProblem[],
  draft: OrderDraft,
  prefix: string,
): PlacedReasons {
  const inputs = new Set(inputPathsOf(draft).map((path) => prefix + path));
  const sections = new Set(SECTION_PATHS.map((path) => prefix + path));
  const entries: FieldError[] = [
    ...(refusal?.fields ?? []),
    ...problems.map((problem) => ({ field: prefix + problem.field, reasons: [problem.problem] })),
  ];
  const only = (keep: (field: string) => boolean, from: FieldError[]) => from.filter((e) => keep(e.field));
  const asError = (fields: FieldError[]) => (fields.length ? new ApiError(400, '', fields) : null);
  const unplaced = only((field) => !inputs.has(field) && !sections.has(field), refusal?.fields ?? []);
  return {
    atInputs: asError(only((field) => inputs.has(field), entries)),
    atSections: asError(only((field) => sections.has(field), entries)),
    elsewhere: refusal ? new ApiError(refusal.status, refusal.message, unplaced) : null,
  };
}

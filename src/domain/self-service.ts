// Self-service requests (docs/customer.md, "Self-service request"): a customer files their own order on a
// public page. Before the form creates it, they prove they hold the phone by typing back a one-time code
// sent to it by SMS. No captcha: the code is the proof, and these limits bound what one phone or one
// address can cost us.
import type { Customer, Equipment, AppointmentWindow, OrderDetails, OrderType } from './order';
import { DEFAULT_DISPATCH_MODE } from './order';

export const VERIFICATION_CODE_DIGITS = 6;
/** A code works this long after it was sent. */
export const VERIFICATION_CODE_TTL_MS = 10 * 60_000;
/** Wrong codes accepted before the code is dead (a 6-digit code then falls to a guess 5 times in a million). */
export const MAX_WRONG_CODE_ATTEMPTS = 5;

export interface SendLimit {
  codes: number;
  windowMs: number;
}

/** Codes sent to one phone, counted in the table, so a restart or a second API instance does not reset it. */
export const CODES_PER_PHONE: SendLimit = { codes: 3, windowMs: 15 * 60_000 };
/**
 * Codes requested from one client address (in memory, per API instance): looser than per phone, since an
 * office or a mobile carrier puts many customers behind one address, but it stops one client from sending
 * codes to many phones.
 */
export const CODES_PER_ADDRESS: SendLimit = { codes: 20, windowMs: 15 * 60_000 };

export interface VerificationCodeState {
  expiresAt: Date;
  /** Tries so far (a try is counted before the code is compared). */
  attempts: number;
  usedAt: Date | null;
}

export type CodeRefusal =
  /** Already used for a request (a replay with the right code gets that request's answer). */
  'USED' | 'EXPIRED' | 'TOO_MANY_ATTEMPTS';

/** Why a code may not be tried (again), or null while it may. */
export function codeRefusal(code: VerificationCodeState, now: Date): CodeRefusal | null {
  if (code.usedAt !== null) return 'USED';
  if (code.attempts >= MAX_WRONG_CODE_ATTEMPTS) return 'TOO_MANY_ATTEMPTS';
  if (code.expiresAt.getTime() <= now.getTime()) return 'EXPIRED';
  return null;
}

/** Tries left after `attempts` tries. */
export function attemptsLeft(attempts: number): number {
  return Math.max(0, MAX_WRONG_CODE_ATTEMPTS - attempts);
}

/** A number below 10^digits as the code the customer types: zero-padded, `000042`. */
export function formatVerificationCode(value: number): string {
  if (!Number.isInteger(value) || value < 0 || value >= 10 ** VERIFICATION_CODE_DIGITS) {
    throw new RangeError(`a verification code is an integer in [0, 10^${VERIFICATION_CODE_DIGITS})`);
  }
  return String(value).padStart(VERIFICATION_CODE_DIGITS, '0');
}

/** What the customer fills in on the request page. */
export interface SelfServiceForm {
  type: OrderType;
  customer: Customer;
  equipment?: Equipment;
  faultDescription: string;
  preferredAppointment?: AppointmentWindow;
}

/**
 * The order a self-service request starts as: an online order at normal priority (the reviewer may raise
 * it), with nothing priced yet (the service items and total are settled by staff, so a total of 0 matches
 * the empty list) and the customer's preferred time as the appointment. The intake check then decides
 * INFO_REQUIRED or PENDING_REVIEW as for any order.
 */
export function selfServiceOrderDetails(form: SelfServiceForm): OrderDetails {
  return {
    type: form.type,
    priority: 'NORMAL',
    channel: 'ONLINE',
    customer: form.customer,
    ...(form.equipment ? { equipment: form.equipment } : {}),
    faultDescription: form.faultDescription,
    serviceItems: [],
    totalAmount: 0,
    ...(form.preferredAppointment ? { appointment: form.preferredAppointment } : {}),
    requiredSkills: [],
    dispatchMode: DEFAULT_DISPATCH_MODE,
  };
}

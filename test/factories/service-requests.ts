// Self-service requests (POST /api/public/service-requests), derived from the canonical order so they
// change with it: the customer's fields without the clerk's (VIP, position), no prices, the appointment
// as the preferred time.
import { randomInt } from 'node:crypto';
import { orderDetails } from './orders';

/** A mobile number of its own per call (the per-phone code limit counts per number). */
export function uniqueMobile(): string {
  return `+86 139 ${String(randomInt(0, 10_000)).padStart(4, '0')} ${String(randomInt(0, 10_000)).padStart(4, '0')}`;
}

/** A complete request (it starts in PENDING_REVIEW); `overrides` replace top-level fields as sent. */
export function serviceRequestBody(
  verification: { verificationId: string; code: string; phone: string },
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  const order = orderDetails();
  const { name, address, zone, region } = order.customer;
  return {
    verificationId: verification.verificationId,
    code: verification.code,
    customer: {
      name,
      phone: verification.phone,
      address,
      zone,
      region,
      language: 'en',
      messageChannels: ['SMS'],
      messageConsent: true,
    },
    equipment: order.equipment,
    type: order.type,
    faultDescription: order.faultDescription,
    preferredAppointment: order.appointment,
    ...overrides,
  };
}

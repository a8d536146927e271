// The link in every customer message: a short-lived token scoped to one order under its own key, so it
// opens that order's customer page and nothing else, and it is not the raw customer token. Compact on
// purpose (`L1.<orderNo>.<expiry>.<nonce>.<MAC>`, about 65 characters): it rides in SMS, where every
// 70 Chinese characters are another message to pay for. It travels in the URL fragment (`#t=`), which
// browsers never send to a server, so it does not land in access logs; the page hands it to the API as
// its bearer token.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const PREFIX = 'L1';
/** 128 bits of HMAC-SHA256: forging one is out of reach, and the token stays short. */
const MAC_BYTES = 16;

export interface CustomerLinkSettings {
  /** Base URL of the web app as customers reach it, without a trailing slash. */
  publicBaseUrl: string;
  secret: string;
  ttlSeconds: number;
}

/** The key links are signed with: CUSTOMER_LINK_SECRET, else one derived from JWT_SECRET (never JWT_SECRET itself). */
export function customerLinkSecret(config: { CUSTOMER_LINK_SECRET?: string; JWT_SECRET: string }): string {
  return (
    config.CUSTOMER_LINK_SECRET ??
    createHmac('sha256', config.JWT_SECRET).update('customer-link').digest('hex')
  );
}

export interface MintedLink {
  url: string;
  token: string;
  expiresAt: string;
}

export function mintCustomerLink(
  settings: CustomerLinkSettings,
  orderNo: string,
  now = Date.now(),
): MintedLink {
  const exp = Math.floor(now / 1000) + settings.ttlSeconds;
  // A nonce of its own, so two messages minted in the same second still carry distinct links.
  const body = `${orderNo}.${exp.toString(36)}.${randomBytes(6).toString('base64url')}`;
  const token = `${PREFIX}.${body}.${macOf(settings.secret, body).toString('base64url')}`;
  return {
    url: `${settings.publicBaseUrl}/c/${encodeURIComponent(orderNo)}#t=${token}`,
    token,
    expiresAt: new Date(exp * 1000).toISOString(),
  };
}

export type LinkCheck =
  { kind: 'VALID'; orderNo: string } | { kind: 'EXPIRED'; orderNo: string } | { kind: 'INVALID' };

/**
 * Checks a link token. `EXPIRED` is only said of a token this server signed, so the page can offer a
 * fresh link for exactly that order; anything else is `INVALID`.
 */
export function checkCustomerLink(secret: string, token: string, now = Date.now()): LinkCheck {
  const parts = token.split('.');
  if (parts.length !== 5 || parts[0] !== PREFIX) return { kind: 'INVALID' };
  const [, orderNo, exp36, nonce, mac] = parts;
  const given = Buffer.from(mac, 'base64url');
  const expected = macOf(secret, `${orderNo}.${exp36}.${nonce}`);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { kind: 'INVALID' };
  const exp = parseInt(exp36, 36);
  if (!Number.isSafeInteger(exp)) return { kind: 'INVALID' };
  return exp * 1000 > now ? { kind: 'VALID', orderNo } : { kind: 'EXPIRED', orderNo };
}

/** Whether a bearer token is meant as a customer link (so the guard takes it for neither a login nor a customer token). */
export function isCustomerLinkToken(token: string): boolean {
  return token.startsWith(`${PREFIX}.`);
}

function macOf(secret: string, body: string): Buffer {
  return createHmac('sha256', secret).update(`customer-link:${body}`).digest().subarray(0, MAC_BYTES);
}

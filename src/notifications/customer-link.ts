// The link in every customer message: a short-lived JWT (audience `customer-link`, subject the order
// number) under its own key, so it opens one order's customer page and nothing else, and it is not the
// raw customer token. It travels in the URL fragment (`#t=`), which browsers never send to a server,
// so it does not land in access logs; the page hands it to the API as its bearer token.
import { createHmac, randomBytes } from 'node:crypto';
import jwt from 'jsonwebtoken';

export const CUSTOMER_LINK_AUDIENCE = 'customer-link';

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
  const iat = Math.floor(now / 1000);
  const exp = iat + settings.ttlSeconds;
  // Its own id, so two messages minted in the same second still carry distinct links.
  const token = jwt.sign({ iat, exp, jti: randomBytes(9).toString('base64url') }, settings.secret, {
    algorithm: 'HS256',
    audience: CUSTOMER_LINK_AUDIENCE,
    subject: orderNo,
    noTimestamp: true,
  });
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
  let claims: jwt.JwtPayload | string;
  try {
    claims = jwt.verify(token, secret, {
      algorithms: ['HS256'],
      audience: CUSTOMER_LINK_AUDIENCE,
      ignoreExpiration: true,
    });
  } catch {
    return { kind: 'INVALID' };
  }
  if (typeof claims === 'string' || typeof claims.sub !== 'string' || typeof claims.exp !== 'number') {
    return { kind: 'INVALID' };
  }
  return claims.exp * 1000 > now
    ? { kind: 'VALID', orderNo: claims.sub }
    : { kind: 'EXPIRED', orderNo: claims.sub };
}

/** Whether a bearer token is meant as a customer link (so the guard does not take it for a staff login). */
export function isCustomerLinkToken(token: string): boolean {
  const decoded = jwt.decode(token, { json: true });
  return decoded !== null && decoded.aud === CUSTOMER_LINK_AUDIENCE;
}

import type { CookieOptions, Request } from 'express';

/**
 * The codec session cookie: the Temporal Web UI cannot send a bearer token to a remote codec, only cookies
 * ("Include cross-origin credentials"). An admin trades their bearer token for this cookie once, in the
 * browser that runs the UI; the UI (localhost:8233) and the API (localhost:3000) are same-site, so the Lax
 * cookie rides along on the UI's credentialed fetch. Its value is a JWT of its own (`aud: codec`, ≤ 8h).
 */
export const CODEC_SESSION_COOKIE = 'codec_session';
export const CODEC_SESSION_AUDIENCE = 'codec';
export const CODEC_SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;
/** Name of the cookie's security scheme in the OpenAPI document. */
export const CODEC_SESSION_SECURITY = 'codecSession';

/** Attributes shared by setting and clearing (a browser clears a cookie only under the same Path). */
export function codecSessionCookieOptions(request: Request): CookieOptions {
  // request.secure honours the app's `trust proxy` setting for X-Forwarded-Proto.
  return { httpOnly: true, path: '/api/codec', sameSite: 'lax', secure: request.secure };
}

/** The first value of a cookie in a `Cookie` header (RFC 6265 §5.4: name=value pairs split by `; `). */
export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const pair of (header ?? '').split(';')) {
    const separator = pair.indexOf('=');
    if (separator < 0 || pair.slice(0, separator).trim() !== name) continue;
    let value = pair.slice(separator + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    try {
      return decodeURIComponent(value);
    } catch {
      return value;
    }
  }
  return undefined;
}

// The only way the web app talks to the API: openapi-fetch typed by schema.d.ts, which
// `npm run api:generate` derives from the server's own OpenAPI document (CI fails when it is stale).
import createFetchClient, { type Middleware } from 'openapi-fetch';
import createQueryHooks from 'openapi-react-query';
import { session } from '../auth/session';
import type { components, paths } from './schema';

export type Schemas = components['schemas'];

/** GET /api/orders/{orderNo} answers staff with the full view and the customer token with a narrower one. */
export function isStaffView(
  view: Schemas['OrderReadDto'] | Schemas['CustomerOrderViewDto'] | undefined,
): view is Schemas['OrderReadDto'] {
  return view !== undefined && 'deadlines' in view;
}

/** A field the server refused and why, as the API's validation errors name them. */
export interface FieldError {
  field: string;
  reasons: string[];
}

/** Any refusal by the API: the shared error body `{statusCode, error, message, details?}`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The validation errors by field name (`customer.phone`, `items[0].quantity`, …). */
  get fields(): FieldError[] {
    if (!Array.isArray(this.details)) return [];
    return this.details.filter(
      (entry): entry is FieldError =>
        typeof entry === 'object' && entry !== null && typeof (entry as FieldError).field === 'string',
    );
  }
}

/** Turns whatever openapi-fetch or react-query hands over as an error into an ApiError. */
export function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (typeof error === 'object' && error !== null && 'statusCode' in error && 'message' in error) {
    const body = error as Schemas['ErrorBodyDto'] & { details?: unknown };
    return new ApiError(body.statusCode, String(body.message), body.details);
  }
  return new ApiError(0, error instanceof Error ? error.message : 'The server could not be reached');
}

const authenticate: Middleware = {
  onRequest({ request }) {
    const token = session.token();
    if (token && !request.headers.has('Authorization'))
      request.headers.set('Authorization', `Bearer ${token}`);
    return request;
  },
  onResponse({ response, request }) {
    // An expired or revoked staff token: back to the sign-in page (the login call itself answers 401 too).
    // A 401 for another bearer (a customer's link) says nothing about the staff session, which stays.
    const token = session.token();
    const sentSession = token !== null && request.headers.get('Authorization') === `Bearer ${token}`;
    if (response.status === 401 && sentSession && !new URL(request.url).pathname.endsWith('/auth/login'))
      session.signOut();
    return response;
  },
};

export const api = createFetchClient<paths>({ baseUrl: window.location.origin });
api.use(authenticate);

/**
 * Headers for one call made with another bearer than the staff session's: the customer's link token on
 * the customer page (`{params, headers: bearer(token)}`). The session is neither sent nor signed out.
 */
export function bearer(token: string): { Authorization: string } {
  return { Authorization: `Bearer ${token}` };
}

/** TanStack Query hooks over the same client: `$api.useQuery('get', '/api/orders', {params})`. */
export const $api = createQueryHooks(api);

/**
 * A fresh Idempotency-Key for one submission: the server applies a command once however often the same
 * key is retried, so a double click or a retry after a timeout does nothing twice.
 */
export function idempotencyKey(): string {
  // randomUUID exists only in secure contexts; getRandomValues also over plain HTTP on a LAN host name.
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
